using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Booking.Containment;

/// <summary>
/// On-site service resumes: booking ends its record of the suspension, so the hall takes bookings again (its slots
/// were kept; the places of cancelled bookings are free), and answers <see cref="ContainmentBookingsHandled"/>
/// (<c>resumption</c>, nothing moved or cancelled) — also when there was nothing to resume (a message again).
/// </summary>
public sealed class OnSiteServiceResumedConsumer(
    BookingDbContext db, ContainmentBookings bookings, TimeProvider timeProvider, ILogger<OnSiteServiceResumedConsumer> logger)
    : InboxConsumer<OnSiteServiceResumed, BookingDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "booking.on-site-service-resumed";

    protected override string? LockOrderKey(OnSiteServiceResumed message) => message.HallId;

    protected override async Task HandleAsync(OnSiteServiceResumed message, ConsumeContext<OnSiteServiceResumed> context)
    {
        await Db.HallSuspensions.Where(s => s.HallId == message.HallId && s.ResumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ResumedAt, message.OccurredAt), context.CancellationToken);
        bookings.Acknowledge(Db, message.ContainmentId, message.HallId, ContainmentActions.Resumption, null, new ContainmentBookings.Handled(0, 0));
    }
}
