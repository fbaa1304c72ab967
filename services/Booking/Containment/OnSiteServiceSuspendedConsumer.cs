using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Booking.Containment;

/// <summary>
/// Incident suspends on-site service (暂停现场服务): booking records the hall suspended itself (no booking is taken
/// while occupancy's <c>HallConfigured</c> is on its way), cancels every active booking of the hall whose slot has not
/// ended (<c>on_site_suspended</c>, with the item's online route) and answers <see cref="ContainmentBookingsHandled"/>.
/// One open suspension per hall: the same message again changes nothing and answers with the count recorded for the
/// same containment action, 0 for another.
/// </summary>
public sealed class OnSiteServiceSuspendedConsumer(
    BookingDbContext db, ContainmentBookings bookings, TimeProvider timeProvider, ILogger<OnSiteServiceSuspendedConsumer> logger)
    : InboxConsumer<OnSiteServiceSuspended, BookingDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "booking.on-site-service-suspended";

    protected override string? LockOrderKey(OnSiteServiceSuspended message) => message.HallId;

    protected override async Task HandleAsync(OnSiteServiceSuspended message, ConsumeContext<OnSiteServiceSuspended> context)
    {
        var cancellationToken = context.CancellationToken;
        var now = TimeProvider.GetUtcNow();
        var reason = message.Reason.Length > 500 ? message.Reason[..500] : message.Reason;
        var inserted = await Db.Database.SqlQuery<long>($"""
            INSERT INTO hall_suspensions (hall_id, suspended_at, incident_id, containment_id, reason, cancelled, recorded_at)
            VALUES ({message.HallId}, {message.OccurredAt}, {message.IncidentId}, {message.ContainmentId}, {reason}, 0, {now})
            ON CONFLICT (hall_id) WHERE resumed_at IS NULL DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        var suspension = await Db.HallSuspensions.SingleAsync(s => s.HallId == message.HallId && s.ResumedAt == null, cancellationToken);
        if (inserted.Count == 0)
        {
            var again = suspension.ContainmentId == message.ContainmentId ? new ContainmentBookings.Handled(0, suspension.Cancelled) : new(0, 0);
            bookings.Acknowledge(Db, message.ContainmentId, message.HallId, ContainmentActions.Suspension, null, again);
            return;
        }

        var handled = await bookings.CancelHallBookingsAsync(Db, message.HallId, cancellationToken);
        suspension.Cancelled = handled.Cancelled;
        bookings.Acknowledge(Db, message.ContainmentId, message.HallId, ContainmentActions.Suspension, null, handled);
    }
}
