using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Outbox;

namespace CivicHall.Incident.Tracing;

/// <summary>A page of a case's tracings, newest first.</summary>
public sealed record TracingPage(IReadOnlyList<TracingRun> Runs, string? NextCursor);

/// <summary>The reads and the one write of tracings (a run is never changed once stored).</summary>
public static class TracingStore
{
    /// <summary>A run of the case, or null (another case's run is not found).</summary>
    public static Task<TracingRun?> FindAsync(IncidentDbContext db, Guid incidentId, Guid tracingId, CancellationToken cancellationToken) =>
        db.Tracings.AsNoTracking().SingleOrDefaultAsync(t => t.TracingId == tracingId && t.IncidentId == incidentId, cancellationToken);

    /// <summary>Stores a run and publishes <c>ContactsTraced</c> (every person key on it) in the same transaction, through the outbox.</summary>
    public static async Task AddAsync(IncidentDbContext db, TracingRun run, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        db.Tracings.Add(run);
        db.AddIntegrationEvent(
            new ContactsTraced(run.IncidentId, run.TracingId, run.HallId, run.PersonKeys, run.WindowFrom, run.WindowTo, run.CreatedAt),
            timeProvider);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A page of the case's runs, newest first (ties by id, descending), with the cursor for the next.</summary>
    public static async Task<TracingPage> ListAsync(IncidentDbContext db, Guid incidentId, int limit, TracingCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var runs = (after is { } a
                ? db.Tracings.FromSql($"SELECT * FROM tracings WHERE (created_at, tracing_id) < ({a.CreatedAt}, {a.TracingId})")
                : db.Tracings)
            .AsNoTracking().Where(t => t.IncidentId == incidentId);
        var page = await runs.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.TracingId).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? new TracingCursor(page[limit - 1].CreatedAt, page[limit - 1].TracingId).Encode() : null;
        return new TracingPage([.. page.Take(limit)], next);
    }
}
