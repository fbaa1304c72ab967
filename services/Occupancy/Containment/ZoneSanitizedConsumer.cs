using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Occupancy.Containment;

/// <summary>A closed zone's terminal disinfection is done: it reopens at its planned capacity. An open zone stays as it is.</summary>
public sealed class ZoneSanitizedConsumer(OccupancyDbContext db, FloorStore door, TimeProvider timeProvider, ILogger<ZoneSanitizedConsumer> logger)
    : InboxConsumer<ZoneSanitized, OccupancyDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "occupancy.zone-sanitized";

    protected override string? LockOrderKey(ZoneSanitized message) => message.HallId;

    protected override Task HandleAsync(ZoneSanitized message, ConsumeContext<ZoneSanitized> context) =>
        door.ReopenZoneAsync(message.HallId, message.ZoneId, ZoneReopenings.Sanitized, null, context.CancellationToken);
}
