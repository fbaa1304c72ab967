using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Occupancy.Containment;

/// <summary>Incident closes a zone: capacity 0, its people listed to be moved out (<c>ZoneClosed</c>, with the order's containment id: incident's acknowledgement).</summary>
public sealed partial class ZoneClosureOrderedConsumer(
    OccupancyDbContext db, FloorStore door, TimeProvider timeProvider, ILogger<ZoneClosureOrderedConsumer> logger)
    : InboxConsumer<ZoneClosureOrdered, OccupancyDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "occupancy.zone-closure-ordered";

    protected override string? LockOrderKey(ZoneClosureOrdered message) => message.HallId;

    protected override async Task HandleAsync(ZoneClosureOrdered message, ConsumeContext<ZoneClosureOrdered> context)
    {
        var outcome = await door.CloseZoneAsync(message.HallId, message.ZoneId, message.Reason, message.IncidentId, message.ContainmentId, context.CancellationToken);
        if (outcome is not ("closed" or "already_closed"))
        {
            LogNotClosed(logger, message.HallId, message.ZoneId, message.IncidentId, outcome);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zone {ZoneId} of hall {HallId} not closed for incident {IncidentId}: {Outcome}")]
    private static partial void LogNotClosed(ILogger logger, string hallId, string zoneId, string incidentId, string outcome);
}
