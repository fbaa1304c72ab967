using CivicHall.Booking.Bookings;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;

namespace CivicHall.Booking.Containment;

/// <summary>
/// What incident's containment does to bookings: a closed zone's bookings of the closure's day move to a later day
/// (or are cancelled), a suspension cancels the hall's bookings whose slot has not ended. Each runs inside its inbox
/// consumer's transaction, on its database context, with the events (<see cref="BookingMoved"/>,
/// <see cref="BookingCancelled"/> with the item's online route) and the acknowledgement
/// (<see cref="ContainmentBookingsHandled"/>) written to the outbox in that transaction.
/// </summary>
public sealed partial class ContainmentBookings(IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<ContainmentBookings> logger)
{
    /// <summary>What was done for one containment action.</summary>
    public sealed record Handled(int Moved, int Cancelled);

    /// <summary>
    /// Moves each active (confirmed or checked-in) booking of <paramref name="groups"/> on <paramref name="day"/> whose
    /// slot has not ended to the earliest later slot of its group with a free place and a unit of quota, on a later
    /// day up to <paramref name="lastDay"/>; cancels it (with the item's route) when there is none. Earliest made first.
    /// </summary>
    public async Task<Handled> MoveZoneBookingsAsync(
        BookingDbContext db, string hallId, IReadOnlyList<string> groups, DateOnly day, DateOnly lastDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = timeProvider.GetUtcNow();
        var bookings = await db.Bookings
            .Where(b => b.HallId == hallId && b.Date == day && groups.Contains(b.WindowGroup) && b.SlotEndsAt > now
                && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn))
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id)
            .ToListAsync(cancellationToken);
        if (bookings.Count == 0)
        {
            return new Handled(0, 0);
        }

        var routes = await RoutesAsync(db, hallId, cancellationToken);
        var moved = 0;
        foreach (var booking in bookings)
        {
            // A green-channel booking holds no place or quota to move with it: a duty leader books it again.
            var place = booking.PlaceStripe is null ? null : await TakeLaterPlaceAsync(db, booking, day, lastDay, now, cancellationToken);
            if (place is null)
            {
                await WithdrawAsync(db, booking, CancelReasons.ZoneClosed, routes, now, cancellationToken);
                continue;
            }

            var from = booking.SlotId;
            await BookingPlaces.ReleasePlaceAsync(db, booking, cancellationToken);
            await BookingPlaces.ReleaseQuotaAsync(db, booking, cancellationToken);
            booking.MoveTo(place, CancelReasons.ZoneClosed);
            db.AddIntegrationEvent(BookingEvents.Moved(booking, from, now), timeProvider);
            moved++;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogZoneHandled(hallId, day, moved, bookings.Count - moved);
        return new Handled(moved, bookings.Count - moved);
    }

    /// <summary>Cancels every active booking of the hall whose slot has not ended, each with the reason and its item's online route.</summary>
    public async Task<Handled> CancelHallBookingsAsync(BookingDbContext db, string hallId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = timeProvider.GetUtcNow();
        var bookings = await db.Bookings
            .Where(b => b.HallId == hallId && b.SlotEndsAt > now && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn))
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id)
            .ToListAsync(cancellationToken);
        if (bookings.Count == 0)
        {
            return new Handled(0, 0);
        }

        var routes = await RoutesAsync(db, hallId, cancellationToken);
        foreach (var booking in bookings)
        {
            await WithdrawAsync(db, booking, CancelReasons.OnSiteSuspended, routes, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        LogSuspensionHandled(hallId, bookings.Count);
        return new Handled(0, bookings.Count);
    }

    /// <summary>
    /// Plans the days after <paramref name="day"/> up to <paramref name="lastDay"/> that are not planned yet (or not from
    /// the current inputs), in a scope of their own, so that a moved booking can find a later slot. Planning is
    /// idempotent and commits on its own; call it before the consumer's transaction has written anything.
    /// </summary>
    public async Task PlanLaterDaysAsync(string hallId, DateOnly day, DateOnly lastDay, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var slotStore = scope.ServiceProvider.GetRequiredService<SlotStore>();
        for (var date = day.AddDays(1); date <= lastDay; date = date.AddDays(1))
        {
            await slotStore.EnsurePlannedAsync(hallId, date, cancellationToken);
        }
    }

    /// <summary>The acknowledgement incident waits for, when the message named its containment action.</summary>
    public void Acknowledge(BookingDbContext db, Guid? containmentId, string hallId, string action, string? zoneId, Handled handled)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(handled);
        if (containmentId is { } id)
        {
            db.AddIntegrationEvent(
                new ContainmentBookingsHandled(id, hallId, action, zoneId, handled.Moved, handled.Cancelled, timeProvider.GetUtcNow()), timeProvider);
        }
    }

    private async Task WithdrawAsync(
        BookingDbContext db, Bookings.Booking booking, string reason, Dictionary<string, string?> routes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Release reads the booking's place as it was, so it goes before nothing else changes it.
        await BookingPlaces.ReleaseAsync(db, booking, cancellationToken);
        booking.Withdraw(reason, now);
        db.AddIntegrationEvent(BookingEvents.Cancelled(booking, now, routes.GetValueOrDefault(booking.ItemId)), timeProvider);
    }

    private static Task<Dictionary<string, string?>> RoutesAsync(BookingDbContext db, string hallId, CancellationToken cancellationToken) =>
        db.ServiceItems.AsNoTracking().Where(i => i.HallId == hallId)
            .ToDictionaryAsync(i => i.ItemId, i => i.OnlineRoute, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// Takes a place (not one kept for the door) in the earliest open slot of the booking's group on a day after
    /// <paramref name="day"/>, with a unit of that day's quota when the booking counts against the quota; null when
    /// none has room. Places and quota are taken by the same functions as a booking (<c>booking_take_quota</c>,
    /// <c>booking_take_place</c>), so counters never pass their capacity.
    /// </summary>
    private static async Task<MovedPlace?> TakeLaterPlaceAsync(
        BookingDbContext db, Bookings.Booking booking, DateOnly day, DateOnly lastDay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var quota = booking.QuotaStripe is not null;
        var candidates = await db.Database.SqlQuery<Candidate>($"""
            SELECT s.slot_id, s.date, s.starts_at, s.ends_at FROM slots s
            WHERE s.hall_id = {booking.HallId} AND s.window_group = {booking.WindowGroup} AND s.status = 'open'
              AND s.date > {day} AND s.date <= {lastDay} AND s.starts_at > {now}
              AND EXISTS (SELECT 1 FROM slot_place_counters f
                          WHERE f.hall_id = s.hall_id AND f.slot_id = s.slot_id AND NOT f.reserved AND f.taken < f.capacity)
              AND (NOT {quota} OR EXISTS (SELECT 1 FROM day_quota_counters q
                                         WHERE q.hall_id = s.hall_id AND q.date = s.date AND q.taken < q.capacity))
            ORDER BY s.starts_at, s.slot_id
            LIMIT 20
            """).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            short? quotaStripe = null;
            if (quota)
            {
                quotaStripe = (await db.Database.SqlQuery<short?>(
                    $"""SELECT booking_take_quota(p_hall => {booking.HallId}, p_date => {candidate.Date}) AS "Value" """).ToListAsync(cancellationToken))[0];
                if (quotaStripe is null)
                {
                    continue;
                }
            }

            var stripe = (await db.Database.SqlQuery<short?>(
                $"""SELECT booking_take_place(p_hall => {booking.HallId}, p_slot => {candidate.SlotId}, p_reserved => false) AS "Value" """).ToListAsync(cancellationToken))[0];
            if (stripe is { } taken)
            {
                return new MovedPlace(candidate.SlotId, candidate.Date, candidate.StartsAt, candidate.EndsAt, false, taken, quotaStripe);
            }

            if (quotaStripe is { } unit)
            {
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE day_quota_counters SET taken = taken - 1
                    WHERE hall_id = {booking.HallId} AND date = {candidate.Date} AND stripe = {unit} AND taken > 0
                    """, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>A later slot that had room when looked at.</summary>
    private sealed record Candidate(string SlotId, DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zone closure at hall {HallId} on {Date}: moved {Moved} bookings to later days and cancelled {Cancelled}")]
    private partial void LogZoneHandled(string hallId, DateOnly date, int moved, int cancelled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "On-site service suspended at hall {HallId}: cancelled {Cancelled} bookings")]
    private partial void LogSuspensionHandled(string hallId, int cancelled);
}
