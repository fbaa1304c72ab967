using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Containment;

/// <summary>A zone's terminal disinfection was recorded and confirmed: the hall's closures of that zone still <c>ordered</c> or <c>reopened</c> become <c>sanitized</c>.</summary>
public sealed class ZoneSanitizedConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<ZoneSanitizedConsumer> logger)
    : InboxConsumer<ZoneSanitized, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.zone-sanitized";

    protected override string? LockOrderKey(ZoneSanitized message) => message.HallId;

    protected override Task HandleAsync(ZoneSanitized message, ConsumeContext<ZoneSanitized> context) =>
        Db.ContainmentActions
            .Where(a => a.HallId == message.HallId && a.ZoneId == message.ZoneId && a.Kind == ContainmentKind.ZoneClosure
                && (a.State == ContainmentState.Ordered || a.State == ContainmentState.Reopened))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, ContainmentState.Sanitized).SetProperty(a => a.SanitizedAt, message.CompletedAt)
                .SetProperty(a => a.UpdatedAt, TimeProvider.GetUtcNow()), context.CancellationToken);
}
