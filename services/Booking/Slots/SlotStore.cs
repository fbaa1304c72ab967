using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CivicHall.Booking.Bookings;
using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;

namespace CivicHall.Booking.Slots;

/// <summary>
/// Keeps the stored slots, place counters and quota counters of a hall-day in line with its plan. A day is
/// planned when first asked for and planned again whenever the hall, the policy in force or the
/// items changed since; existing bookings keep their places through a re-plan. Callers check the
/// booking horizon first: only today and the days ahead are ever planned.
/// </summary>
public sealed partial class SlotStore(BookingDbContext db, TimeProvider timeProvider, ILogger<SlotStore> logger)
{
    /// <summary>Plans the day if it is not planned from the current inputs. Null when the hall is unknown.</summary>
    public async Task<PlanningOutcome> EnsurePlannedAsync(string hallId, DateOnly date, CancellationToken cancellationToken)
    {
        var hall = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.HallId == hallId, cancellationToken);
        if (hall is null)
        {
            return PlanningOutcome.HallUnknown;
        }

        var hallDay = HallDay.Of(hall);
        // The rules of a day are those in force when it begins, or now for today: a version that
        // takes effect today applies to what is left of today.
        var dayStart = hallDay.At(date, TimeOnly.MinValue);
        var now = timeProvider.GetUtcNow();
        var policy = await BookingPolicies.InForceAsync(db, hallId, dayStart > now ? dayStart : now, cancellationToken);
        if (policy is null)
        {
            return PlanningOutcome.NotConfigured;
        }

        var items = await db.ServiceItems.AsNoTracking().Where(i => i.HallId == hallId).ToListAsync(cancellationToken);
        var stamp = ItemsStamp(items);
        if (await IsCurrentAsync(hallId, date, hall.Version, policy.Version, stamp, cancellationToken))
        {
            return PlanningOutcome.Planned(hallDay, policy);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({hallId + "/" + date.ToString("O", CultureInfo.InvariantCulture)}, 0))", cancellationToken);
            db.ChangeTracker.Clear();
            if (!await IsCurrentAsync(hallId, date, hall.Version, policy.Version, stamp, cancellationToken))
            {
                await ApplyAsync(hallDay, hall.Version, policy, items, stamp, date, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });
        return PlanningOutcome.Planned(hallDay, policy);
    }

    private Task<bool> IsCurrentAsync(string hallId, DateOnly date, long hallVersion, int policyVersion, string stamp, CancellationToken cancellationToken) =>
        db.PlannedDays.AsNoTracking().AnyAsync(
            d => d.HallId == hallId && d.Date == date && d.HallVersion == hallVersion && d.PolicyVersion == policyVersion && d.ItemsStamp == stamp,
            cancellationToken);

    private async Task ApplyAsync(
        HallDay hall, long hallVersion, BookingPolicy policy, List<ServiceItem> items, string stamp, DateOnly date, CancellationToken cancellationToken)
    {
        var plan = DaySlotCalculator.Plan(hall, policy, items, date).ToDictionary(s => s.SlotId, StringComparer.Ordinal);
        var existing = await db.Slots.Where(s => s.HallId == hall.HallId && s.Date == date).ToListAsync(cancellationToken);
        foreach (var slot in existing)
        {
            if (plan.Remove(slot.SlotId, out var planned))
            {
                slot.StartsAt = planned.StartsAt.ToUniversalTime();
                slot.EndsAt = planned.EndsAt.ToUniversalTime();
                slot.Capacity = planned.Capacity;
                slot.Reserve = planned.Reserve;
                slot.Status = SlotStatuses.Open;
            }
            else
            {
                slot.Capacity = 0;
                slot.Reserve = 0;
                slot.Status = SlotStatuses.Withdrawn;
            }
        }

        foreach (var planned in plan.Values)
        {
            var slot = new Slot
            {
                HallId = hall.HallId,
                SlotId = planned.SlotId,
                Date = date,
                WindowGroup = planned.WindowGroup,
                StartsAt = planned.StartsAt.ToUniversalTime(),
                EndsAt = planned.EndsAt.ToUniversalTime(),
                Capacity = planned.Capacity,
                Reserve = planned.Reserve,
            };
            db.Slots.Add(slot);
            existing.Add(slot);
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var slot in existing)
        {
            await FitPlacesAsync(slot, cancellationToken);
        }

        await FitQuotaAsync(hall.HallId, date, policy.DailyQuota, cancellationToken);
        await MoveOverflowAsync(hall.HallId, date, existing, cancellationToken);

        var day = await db.PlannedDays.FirstOrDefaultAsync(d => d.HallId == hall.HallId && d.Date == date, cancellationToken);
        if (day is null)
        {
            day = new PlannedDay { HallId = hall.HallId, Date = date };
            db.PlannedDays.Add(day);
        }

        day.HallVersion = hallVersion;
        day.PolicyVersion = policy.Version;
        day.ItemsStamp = stamp;
        day.DailyQuota = policy.DailyQuota;
        day.CatalogVersion = await db.CatalogVersions.Where(v => v.HallId == hall.HallId).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        day.PlannedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Leaves the slot exactly max(0, capacity − taken) free places, up to <c>reserve</c> of them kept for
    /// the door, spread over its stripes; places taken are never touched (see <c>booking_plan_slot</c>).
    /// </summary>
    private Task<int> FitPlacesAsync(Slot slot, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"SELECT booking_plan_slot(p_hall => {slot.HallId}, p_slot => {slot.SlotId}, p_capacity => {slot.Capacity}, p_reserve => {slot.Reserve})", cancellationToken);

    /// <summary>
    /// Finds a place for every confirmed booking its slot no longer holds (the slot was withdrawn, or has
    /// fewer places than bookings, where the most recently made are the ones to go): each goes to the free
    /// place of the same window group that day nearest in time to its own slot, the earliest made choosing
    /// first. A booking with nowhere to go is cancelled with the reason. Either way the citizen is told through the event
    /// (<see cref="BookingMoved"/> or <see cref="BookingCancelled"/>). Checked-in and served bookings (a slot
    /// can be served before it starts) still hold their places, so they count against the slot but never move.
    /// Runs inside the re-plan's transaction
    /// and advisory lock, so bookings made meanwhile only take places the new plan has.
    /// </summary>
    private async Task MoveOverflowAsync(string hallId, DateOnly date, List<Slot> slots, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var bySlot = slots.ToDictionary(s => s.SlotId, StringComparer.Ordinal);
        var ahead = slots.Where(s => s.StartsAt > now).Select(s => s.SlotId).ToList();
        var holding = await db.Bookings
            .Where(b => b.HallId == hallId && b.Date == date && ahead.Contains(b.SlotId) && b.PlaceStripe != null
                && (b.Status == BookingStatuses.Confirmed || b.Status == BookingStatuses.CheckedIn || b.Status == BookingStatuses.Served))
            .ToListAsync(cancellationToken);
        var displaced = holding.GroupBy(b => b.SlotId, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var slot = bySlot[g.Key];
                var excess = g.Count() - (slot.Status == SlotStatuses.Open ? slot.Capacity : 0);
                var reason = slot.Status == SlotStatuses.Open ? ReplanReasons.CapacityReduced : ReplanReasons.SlotWithdrawn;
                return g.Where(b => b.Status == BookingStatuses.Confirmed).OrderByDescending(b => b.CreatedAt).Take(Math.Max(0, excess))
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
                    WHERE f.hall_id = {hallId} AND s.date = {date} AND s.status = 'open' AND s.window_group = {from.WindowGroup}
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
                booking.Status = BookingStatuses.Cancelled;
                booking.CancelledAt = now;
                booking.CancelReason = reason;
                db.AddIntegrationEvent(new BookingCancelled(booking.Id, hallId, booking.SlotId, booking.PersonKey, reason, now), timeProvider);
                await BookingPlaces.ReleaseQuotaAsync(db, booking, cancellationToken);
                await BookingPlaces.ReleasePersonAsync(db, booking.PersonKey, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        LogReplanned(hallId, date, moved, displaced.Count - moved);
    }

    /// <summary>The place a moved booking took: its slot, and which counter.</summary>
    private sealed record TakenPlace(string SlotId, bool Reserved, short Stripe);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-planning hall {HallId} on {Date} moved {Moved} bookings and cancelled {Cancelled} with nowhere to go")]
    private partial void LogReplanned(string hallId, DateOnly date, int moved, int cancelled);

    /// <summary>Leaves the day exactly max(0, quota − taken) free units of quota (see <c>booking_plan_quota</c>).</summary>
    private Task<int> FitQuotaAsync(string hallId, DateOnly date, int quota, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT booking_plan_quota(p_hall => {hallId}, p_date => {date}, p_quota => {quota})", cancellationToken);

    private static string ItemsStamp(IEnumerable<ServiceItem> items)
    {
        var text = string.Join('\n', items
            .OrderBy(i => i.ItemId, StringComparer.Ordinal)
            .Select(i => $"{i.ItemId}|{i.WindowGroup}|{i.MinutesPerCase}|{i.Active}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
