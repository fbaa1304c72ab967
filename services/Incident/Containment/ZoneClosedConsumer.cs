using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Containment;

/// <summary>Occupancy closed the zone of a closure: its acknowledgement, with the people inside the zone. A closure by hand (no containment id) is not ours.</summary>
public sealed class ZoneClosedConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<ZoneClosedConsumer> logger)
    : InboxConsumer<ZoneClosed, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.zone-closed";

    protected override string? LockOrderKey(ZoneClosed message) => message.ContainmentId?.ToString();

    protected override async Task HandleAsync(ZoneClosed message, ConsumeContext<ZoneClosed> context)
    {
        if (message.ContainmentId is { } id
            && await ContainmentStore.PendingAcknowledgementAsync(Db, id, ContainmentParticipants.Occupancy, resumption: false, context.CancellationToken) is { } ack)
        {
            ack.AcknowledgedAt = message.OccurredAt;
            ack.PeopleInside = message.PeopleInside;
        }
    }
}
