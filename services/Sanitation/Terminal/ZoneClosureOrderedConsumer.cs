using CivicHall.Contracts.Incidents.V1;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Tasks;
using MassTransit;

namespace CivicHall.Sanitation.Terminal;

/// <summary>
/// Incident closes a zone: its terminal disinfection is due at once, and reopens it once recorded and confirmed.
/// Acknowledged to incident with <c>TerminalDisinfectionScheduled</c> (the task's id and the order's containment id),
/// also when a repeated order is answered by the task already open.
/// </summary>
public sealed partial class ZoneClosureOrderedConsumer(SanitationDbContext db, TimeProvider timeProvider, ILogger<ZoneClosureOrderedConsumer> logger)
    : InboxConsumer<ZoneClosureOrdered, SanitationDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "sanitation.zone-closure-ordered";

    protected override string? LockOrderKey(ZoneClosureOrdered message) => message.HallId;

    protected override async Task HandleAsync(ZoneClosureOrdered message, ConsumeContext<ZoneClosureOrdered> context)
    {
        var opened = await TerminalTasks.OpenAsync(Db, message.HallId, message.ZoneId, TerminalTasks.ZoneClosure, message.IncidentId, message.Reason,
            TimeProvider.GetUtcNow(), context.CancellationToken);
        if (opened is not { Task: var task })
        {
            LogUnknownZone(logger, message.HallId, message.ZoneId, message.IncidentId);
            return;
        }

        var incidentId = string.IsNullOrEmpty(message.IncidentId) ? null : message.IncidentId;
        Db.AddIntegrationEvent(
            new TerminalDisinfectionScheduled(task.Id, message.HallId, message.ZoneId, incidentId, message.ContainmentId, TimeProvider.GetUtcNow()), TimeProvider);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No terminal disinfection for zone {ZoneId} of hall {HallId} (incident {IncidentId}): sanitation does not know the zone")]
    private static partial void LogUnknownZone(ILogger logger, string hallId, string zoneId, string incidentId);
}
