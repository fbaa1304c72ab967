using CivicHall.Booking.Slots;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;

namespace CivicHall.Booking.Bookings;

/// <summary>The bookings that hold places in slots, as slots see them (<see cref="ISlotBookings"/>).</summary>
public sealed partial class SlotBookings(BookingDbContext db, TimeProvider timeProvider, ILogger<SlotBookings> logger) : ISlotBookings
{
    /// <inheritdoc/>
    public Task<Dictionary<string, int>> ServedAsync(string hallId, DateOnly day, string? windowGroup, CancellationToken cancellationToken)
    {
        var served = db.Bookings.AsNoTracking().Where(b => b.HallId == hallId && b.Date == day && b.Status == BookingStatus.Served);
        if (windowGroup is not null)
        {
            served = served.Where(b => b.WindowGroup == windowGroup);
        }

        return served
            .GroupBy(b => b.SlotId)
            .Select(g => new { SlotId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.SlotId, g => g.Count, StringComparer.Ordinal, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Finds a place for every confirmed booking its slot no longer holds (the slot was withdrawn, or has
    /// fewer places than bookings, where the most recently made are the ones to go): each goes to the free
    /// place of the same window group that day nearest in time to its own slot, the earliest made choosing
    /// first. A booking with nowhere to go is cancelled with the reason. Either way the citizen is told through the event
    /// (<see cref="BookingMoved"/> or <see cref="BookingCancelled"/>). Checked-in and served bookings (a slot
    /// can be served before it starts) still hold their places, so they count against the slot but never move.
    /// Runs inside the re-plan's transaction
    /// and advisory lock, so bookings made meanwhile only take places the new plan has.
    /// </remarks>
    public async Task MoveDisplacedAsync(string hallId, DateOnly day, IReadOnlyList<Slot> slots, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var bySlot = slots.ToDictionary(s => s.SlotId, StringComparer.Ordinal);
        var ahead = slots.Where(s => s.StartsAt > now).Select(s => s.SlotId).ToList();
        var holding = await db.Bookings
            .Where(b => b.HallId == hallId && b.Date == day && ahead.Contains(b.SlotId) && b.PlaceStripe != null
                && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn || b.Status == BookingStatus.Served))
            .ToListAsync(cancellationToken);
        var displaced = holding.GroupBy(b => b.SlotId, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var slot = bySlot[g.Key];
                var excess = g.Count() - (slot.Status == SlotStatus.Open ? slot.Capacity : 0);
                var reason = slot.Status == SlotStatus.Open ? ReplanReasons.CapacityReduced : ReplanReasons.SlotWithdrawn;
                return g.Where(b => b.Status == BookingStatus.Confirmed).OrderByDescending(b => b.CreatedAt).Take(Math.Max(0, excess))
                    .Select(b => (Booking: b, Reason: reason));
            })
            .OrderBy(d => d.Booking.CreatedAt) // of those that must move, the earliest made choose first
            .ToList();
        if (displaced.Count == 0)
        {
            return;
        }

        var moved = 0;
        foreach (var (booking, reason) in displaced)
        {
            var from = bySlot[booking.SlotId];
            var special = booking.Kind == BookingKinds.SpecialGroup;
            var to = await db.Database.SqlQuery<TakenPlace>($"""
                UPDATE slot_place_counters t SET taken = t.taken + 1
                WHERE (t.hall_id, t.slot_id, t.reserved, t.stripe) = (
                    SELECT f.hall_id, f.slot_id, f.reserved, f.stripe
                    FROM slot_place_counters f JOIN slots s ON s.hall_id = f.hall_id AND s.slot_id = f.slot_id
                    WHERE f.hall_id = {hallId} AND s.date = {day} AND s.status = 'open' AND s.window_group = {from.WindowGroup}
                      AND s.starts_at > {now} AND f.slot_id <> {from.SlotId} AND f.taken < f.capacity AND ({special} OR NOT f.reserved)
                    ORDER BY abs(extract(epoch FROM s.starts_at - {from.StartsAt})), s.starts_at, f.reserved, f.stripe
                    LIMIT 1 FOR UPDATE OF f SKIP LOCKED)
                RETURNING t.slot_id, t.reserved, t.stripe
                """).ToListAsync(cancellationToken);

            // The place it leaves goes with it: the re-plan already left the slot no room for it.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE slot_place_counters SET taken = taken - 1, capacity = capacity - 1
                WHERE hall_id = {hallId} AND slot_id = {from.SlotId} AND reserved = {booking.PlaceReserved ?? false}
                  AND stripe = {booking.PlaceStripe} AND taken > 0
                """, cancellationToken);
            booking.Revision++;
            if (to.Count == 1)
            {
                moved++;
                var target = bySlot[to[0].SlotId];
                booking.MovedFromSlotId ??= booking.SlotId;
                booking.MoveReason = reason;
                booking.SlotId = target.SlotId;
                booking.SlotStartsAt = target.StartsAt;
                booking.SlotEndsAt = target.EndsAt;
                booking.PlaceReserved = to[0].Reserved;
                booking.PlaceStripe = to[0].Stripe;
                db.AddIntegrationEvent(
                    new BookingMoved(booking.Id, hallId, from.SlotId, target.SlotId, target.StartsAt, target.EndsAt, booking.PersonKey, reason, now), timeProvider);
            }
            else
            {
                booking.Status = BookingStatus.Cancelled;
                booking.CancelledAt = now;
                booking.CancelReason = reason;
                db.AddIntegrationEvent(new BookingCancelled(booking.Id, hallId, booking.SlotId, booking.PersonKey, reason, now), timeProvider);
                await BookingPlaces.ReleaseQuotaAsync(db, booking, cancellationToken);
                await BookingPlaces.ReleasePersonAsync(db, booking.PersonKey, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        LogReplanned(hallId, day, moved, displaced.Count - moved);
    }

    /// <summary>The place a moved booking took: its slot, and which counter.</summary>
    private sealed record TakenPlace(string SlotId, bool Reserved, short Stripe);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-planning hall {HallId} on {Date} moved {Moved} bookings and cancelled {Cancelled} with nowhere to go")]
    private partial void LogReplanned(string hallId, DateOnly date, int moved, int cancelled);
}
