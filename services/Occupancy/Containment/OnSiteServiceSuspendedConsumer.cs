using CivicHall.Contracts.Halls.V1;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Occupancy.Containment;

/// <summary>Incident suspends on-site service (暂停现场服务): the door queue is sent away and no one is let in (acknowledged with <c>OnSiteStateApplied</c>).</summary>
public sealed class OnSiteServiceSuspendedConsumer(OccupancyDbContext db, FloorStore door, TimeProvider timeProvider, ILogger<OnSiteServiceSuspendedConsumer> logger)
    : InboxConsumer<OnSiteServiceSuspended, OccupancyDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "occupancy.on-site-service-suspended";

    protected override string? LockOrderKey(OnSiteServiceSuspended message) => message.HallId;

    protected override Task HandleAsync(OnSiteServiceSuspended message, ConsumeContext<OnSiteServiceSuspended> context) =>
        OnSiteService.SetAsync(Db, door, TimeProvider, message.HallId, OnSiteStates.Suspended, message.ContainmentId, context.CancellationToken);
}
