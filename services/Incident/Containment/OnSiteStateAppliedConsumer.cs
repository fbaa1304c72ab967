using CivicHall.Contracts.Halls.V1;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Containment;

/// <summary>Occupancy applied a suspension (queue sent away) or resumption at the door: its acknowledgement, with its counts.</summary>
public sealed class OnSiteStateAppliedConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<OnSiteStateAppliedConsumer> logger)
    : InboxConsumer<OnSiteStateApplied, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.on-site-state-applied";

    protected override string? LockOrderKey(OnSiteStateApplied message) => message.ContainmentId?.ToString();

    protected override async Task HandleAsync(OnSiteStateApplied message, ConsumeContext<OnSiteStateApplied> context)
    {
        var resumption = message.State == OnSiteStates.Open;
        if (message.ContainmentId is { } id
            && await ContainmentStore.PendingAcknowledgementAsync(Db, id, ContainmentParticipants.Occupancy, resumption, context.CancellationToken) is { } ack)
        {
            ack.AcknowledgedAt = message.OccurredAt;
            ack.QueueSentAway = message.QueueSentAway;
            ack.PeopleInside = message.PeopleInside;
        }
    }
}
