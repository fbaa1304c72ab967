using CivicHall.Contracts.Halls.V1;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Occupancy.Containment;

/// <summary>On-site service resumes: the door takes people again (acknowledged with <c>OnSiteStateApplied</c>).</summary>
public sealed class OnSiteServiceResumedConsumer(OccupancyDbContext db, FloorStore door, TimeProvider timeProvider, ILogger<OnSiteServiceResumedConsumer> logger)
    : InboxConsumer<OnSiteServiceResumed, OccupancyDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "occupancy.on-site-service-resumed";

    protected override string? LockOrderKey(OnSiteServiceResumed message) => message.HallId;

    protected override Task HandleAsync(OnSiteServiceResumed message, ConsumeContext<OnSiteServiceResumed> context) =>
        OnSiteService.SetAsync(Db, door, TimeProvider, message.HallId, OnSiteStates.Open, message.ContainmentId, context.CancellationToken);
}
