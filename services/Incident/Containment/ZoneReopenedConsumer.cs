using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Containment;

/// <summary>
/// Occupancy reopened a zone: the hall's closures of it not yet reopened record when and how; one still <c>ordered</c>
/// that occupancy reopened by a duty leader's override (not sanitized) becomes <c>reopened</c>, which no longer holds the
/// zone closed (a new closure may be ordered) nor blocks a resumption (the override is audited in occupancy).
/// </summary>
public sealed class ZoneReopenedConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<ZoneReopenedConsumer> logger)
    : InboxConsumer<ZoneReopened, IncidentDbContext>(db, timeProvider, logger)
{
    private const string BySanitation = "sanitized";

    protected override string InboxName => "incident.zone-reopened";

    protected override string? LockOrderKey(ZoneReopened message) => message.HallId;

    protected override async Task HandleAsync(ZoneReopened message, ConsumeContext<ZoneReopened> context)
    {
        var closures = Db.ContainmentActions.Where(a => a.HallId == message.HallId && a.ZoneId == message.ZoneId && a.Kind == ContainmentKind.ZoneClosure && a.ReopenedAt == null);
        var now = TimeProvider.GetUtcNow();
        if (message.ReopenedBy != BySanitation)
        {
            await closures.Where(a => a.State == ContainmentState.Ordered)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, ContainmentState.Reopened), context.CancellationToken);
        }

        await closures.ExecuteUpdateAsync(
            s => s.SetProperty(a => a.ReopenedAt, message.OccurredAt).SetProperty(a => a.ReopenedBy, message.ReopenedBy).SetProperty(a => a.UpdatedAt, now),
            context.CancellationToken);
    }
}
