using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Incident.Containment;

public sealed class ContainmentOptions
{
    /// <summary>How long a participant has to acknowledge an action from when it took effect.</summary>
    public TimeSpan AcknowledgementLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often late acknowledgements are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Flags each participant that has not acknowledged a containment action within <see cref="ContainmentOptions.AcknowledgementLimit"/>
/// as <c>overdue</c> (its row's <c>overdue_at</c>, set once by a conditional pass with <c>FOR UPDATE SKIP LOCKED</c>, so
/// replicas neither repeat nor lose one) and logs a warning then, once.
/// </summary>
public sealed partial class AcknowledgementSweep(IOptions<ContainmentOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<AcknowledgementSweep> logger)
    : PeriodicSweep(options.Value.SweepInterval, scopeFactory, timeProvider, logger)
{
    private readonly TimeSpan _limit = options.Value.AcknowledgementLimit;

    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncidentDbContext>();
        var cutoff = now - _limit;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var late = await db.ContainmentAcknowledgements.FromSql($"""
            SELECT * FROM containment_acknowledgements
            WHERE acknowledged_at IS NULL AND overdue_at IS NULL AND expected_since <= {cutoff}
            ORDER BY expected_since, containment_id, participant LIMIT 1000 FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        foreach (var ack in late)
        {
            ack.OverdueAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var ack in late)
        {
            LogOverdue(Logger, ack.Participant, ack.ContainmentId, ack.ExpectedSince, _limit);
        }

        return late.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Containment {ContainmentId}: {Participant} has not acknowledged since {ExpectedSince} (limit {Limit})")]
    private static partial void LogOverdue(ILogger logger, string participant, Guid containmentId, DateTimeOffset expectedSince, TimeSpan limit);
}
