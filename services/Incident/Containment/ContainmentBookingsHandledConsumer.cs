using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Containment;

/// <summary>Booking moved and cancelled the bookings of a containment action (or takes bookings again): its acknowledgement, with the counts.</summary>
public sealed class ContainmentBookingsHandledConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<ContainmentBookingsHandledConsumer> logger)
    : InboxConsumer<ContainmentBookingsHandled, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.containment-bookings-handled";

    protected override string? LockOrderKey(ContainmentBookingsHandled message) => message.ContainmentId.ToString();

    protected override async Task HandleAsync(ContainmentBookingsHandled message, ConsumeContext<ContainmentBookingsHandled> context)
    {
        var resumption = message.Action == ContainmentActions.Resumption;
        if (await ContainmentStore.PendingAcknowledgementAsync(Db, message.ContainmentId, ContainmentParticipants.Booking, resumption, context.CancellationToken) is { } ack)
        {
            ack.AcknowledgedAt = message.OccurredAt;
            ack.Moved = message.Moved;
            ack.Cancelled = message.Cancelled;
        }
    }
}
