using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Booking.Containment;

/// <summary>
/// Incident closes a zone (污染单个区域): booking records the closure (the zone's window groups take no bookings until
/// <c>ZoneReopened</c>), moves that day's bookings of those groups to a later day or cancels them, and answers
/// <see cref="ContainmentBookingsHandled"/>. The closure is one open row per hall and zone: the same order again (a
/// redelivery under a new message id, or a second order while the zone is closed) changes nothing and answers with
/// the counts recorded for the same containment action, 0 and 0 for another.
/// </summary>
public sealed class ZoneClosureOrderedConsumer(
    BookingDbContext db, ContainmentBookings bookings, TimeProvider timeProvider, ILogger<ZoneClosureOrderedConsumer> logger)
    : InboxConsumer<ZoneClosureOrdered, BookingDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "booking.zone-closure-ordered";

    protected override string? LockOrderKey(ZoneClosureOrdered message) => message.HallId;

    protected override async Task HandleAsync(ZoneClosureOrdered message, ConsumeContext<ZoneClosureOrdered> context)
    {
        var cancellationToken = context.CancellationToken;
        var now = TimeProvider.GetUtcNow();
        var known = await Db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.HallId == message.HallId, cancellationToken);
        var policy = known is null ? null : await BookingPolicies.InForceAsync(Db, message.HallId, now, cancellationToken);
        List<string> groups = [.. (policy?.WindowGroups ?? []).Where(g => g.ZoneId == message.ZoneId).Select(g => g.Group)];
        var hall = known is null ? null : HallDay.Of(known);
        var day = hall?.DateAt(message.OccurredAt) ?? default;
        var lastDay = hall is null || policy is null ? day : hall.DateAt(now).AddDays(policy.HorizonDays);

        var closedAlready = await Db.ZoneClosures.AnyAsync(c => c.HallId == message.HallId && c.ZoneId == message.ZoneId && c.ReopenedAt == null, cancellationToken);
        if (!closedAlready && groups.Count > 0)
        {
            await bookings.PlanLaterDaysAsync(message.HallId, day, lastDay, cancellationToken);
        }

        var inserted = await Db.Database.SqlQuery<long>($"""
            INSERT INTO zone_closures (hall_id, zone_id, closed_at, incident_id, containment_id, moved, cancelled, recorded_at)
            VALUES ({message.HallId}, {message.ZoneId}, {message.OccurredAt}, {message.IncidentId}, {message.ContainmentId}, 0, 0, {now})
            ON CONFLICT (hall_id, zone_id) WHERE reopened_at IS NULL DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        var closure = await Db.ZoneClosures.SingleAsync(c => c.HallId == message.HallId && c.ZoneId == message.ZoneId && c.ReopenedAt == null, cancellationToken);
        if (inserted.Count == 0)
        {
            var again = closure.ContainmentId == message.ContainmentId ? new ContainmentBookings.Handled(closure.Moved, closure.Cancelled) : new(0, 0);
            bookings.Acknowledge(Db, message.ContainmentId, message.HallId, ContainmentActions.ZoneClosure, message.ZoneId, again);
            return;
        }

        var handled = groups.Count == 0
            ? new ContainmentBookings.Handled(0, 0)
            : await bookings.MoveZoneBookingsAsync(Db, message.HallId, groups, day, lastDay, cancellationToken);
        closure.Moved = handled.Moved;
        closure.Cancelled = handled.Cancelled;
        bookings.Acknowledge(Db, message.ContainmentId, message.HallId, ContainmentActions.ZoneClosure, message.ZoneId, handled);
    }
}
