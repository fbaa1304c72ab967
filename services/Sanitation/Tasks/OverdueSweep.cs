using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Plans;
using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Sanitation.Tasks;

public sealed class OverdueSweepOptions
{
    /// <summary>How often tasks past their window are looked for.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Tasks changed per hall and transaction (the rest wait for the next pass).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// How long after its window (at least; the plan's grace when longer) a window that applies only while the zone
    /// is occupied is judged: occupancy announces its counts throttled (a few seconds), so a visitor who came in at
    /// the window's last moment is heard of a little later.
    /// </summary>
    public TimeSpan OccupancySettle { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Tasks not recorded by the end of their window plus the plan's grace become <c>missed</c> and raise
/// <c>SanitationTaskOverdue</c> (<c>overdue</c>) in the same transaction (the outbox); those still missed
/// <c>escalateAfterMinutes</c> later are escalated to the duty leader (<c>escalated</c>), at most one per hall
/// per <c>escalationCooldownMinutes</c>, the ones held back counted in the next. Each task is changed by one
/// conditional pass only (rows taken with <c>FOR UPDATE SKIP LOCKED</c>, the hall's cool-down row locked),
/// so replicas neither repeat nor lose an event. A window that applies only while its zone is occupied (the
/// isolation area) and in which the zone stood empty throughout, by the occupation intervals sanitation keeps from
/// <c>OccupancyChanged</c>, is <c>skipped</c> (<c>zone_unoccupied</c>) instead, with no event; when sanitation had
/// not heard of the zone by the window's start, the window stays due (better an alert than an unchecked room).
/// </summary>
public sealed class OverdueSweep(IOptions<OverdueSweepOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<OverdueSweep> logger)
    : PeriodicSweep(options.Value.Interval, scopeFactory, timeProvider, logger)
{
    private readonly int _batch = Math.Max(1, options.Value.BatchSize);
    private readonly TimeSpan _settle = options.Value.OccupancySettle;

    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SanitationDbContext>();
        var changed = 0;
        var late = await db.Tasks.Where(t => t.State == TaskState.Due && t.WindowEnd < now).Select(t => t.HallId).Distinct().ToListAsync(cancellationToken);
        foreach (var hallId in late.Order(StringComparer.Ordinal))
        {
            var plan = await SanitationPlans.InForceAsync(db, hallId, now, cancellationToken);
            changed += await TransientRetry.RunAsync(() => MarkMissedAsync(db, hallId, now - TimeSpan.FromMinutes(plan.GraceMinutes), now, cancellationToken));
        }

        var missed = await db.Tasks.Where(t => t.State == TaskState.Missed && t.EscalatedAt == null && t.OverdueAt < now).Select(t => t.HallId).Distinct().ToListAsync(cancellationToken);
        foreach (var hallId in missed.Order(StringComparer.Ordinal))
        {
            var plan = await SanitationPlans.InForceAsync(db, hallId, now, cancellationToken);
            changed += await TransientRetry.RunAsync(() => EscalateAsync(db, hallId, plan, now, cancellationToken));
        }

        return changed;
    }

    private async Task<int> MarkMissedAsync(SanitationDbContext db, string hallId, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settled = cutoff < now - _settle ? cutoff : now - _settle;
        var tasks = await db.Tasks.FromSql($"""
            SELECT * FROM sanitation_tasks
            WHERE hall_id = {hallId} AND state = 'due' AND window_end < {cutoff} AND (NOT while_occupied OR window_end < {settled})
            ORDER BY window_end, id LIMIT {_batch} FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var empty = await EmptyWindowsAsync(db, hallId, [.. tasks.Where(t => t.WhileOccupied).Select(t => t.Id)], cancellationToken);
        foreach (var task in tasks)
        {
            if (empty.Contains(task.Id))
            {
                task.State = TaskState.Skipped;
                task.SkipReason = SkipReasons.ZoneUnoccupied;
                task.UpdatedAt = now;
                continue;
            }

            task.State = TaskState.Missed;
            task.OverdueAt = now;
            task.UpdatedAt = now;
            db.AddIntegrationEvent(Event(task, SanitationTaskOverdue.Overdue, 0, now), TimeProvider);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tasks.Count;
    }

    /// <summary>
    /// Of the given while-occupied tasks, those whose zone sanitation knew of by the window's start and that no
    /// interval of occupation touches (someone inside at the start, or coming in before the end).
    /// </summary>
    private static async Task<HashSet<Guid>> EmptyWindowsAsync(SanitationDbContext db, string hallId, Guid[] taskIds, CancellationToken cancellationToken)
    {
        if (taskIds.Length == 0)
        {
            return [];
        }

        var empty = await db.Database.SqlQuery<Guid>($"""
            SELECT t.id AS "Value" FROM sanitation_tasks t
            JOIN sanitation_zone_occupancy z ON z.hall_id = t.hall_id AND z.zone_id = t.zone_id AND z.first_seen_at <= t.window_start
            WHERE t.hall_id = {hallId} AND t.id = ANY({taskIds})
              AND NOT EXISTS (
                SELECT 1 FROM sanitation_zone_occupations o
                WHERE o.hall_id = t.hall_id AND o.zone_id = t.zone_id
                  AND o.occupied_from < t.window_end AND (o.occupied_until IS NULL OR o.occupied_until >= t.window_start))
            """).ToListAsync(cancellationToken);
        return [.. empty];
    }

    private async Task<int> EscalateAsync(SanitationDbContext db, string hallId, SanitationPlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"INSERT INTO sanitation_escalations (hall_id, suppressed) VALUES ({hallId}, 0) ON CONFLICT DO NOTHING", cancellationToken);
        // The hall's row is the cool-down: one pass at a time per hall.
        var cooldown = (await db.Escalations.FromSql($"SELECT * FROM sanitation_escalations WHERE hall_id = {hallId} FOR UPDATE").ToListAsync(cancellationToken)).Single();
        var cutoff = now - TimeSpan.FromMinutes(plan.EscalateAfterMinutes);
        var tasks = await db.Tasks.FromSql($"""
            SELECT * FROM sanitation_tasks
            WHERE hall_id = {hallId} AND state = 'missed' AND escalated_at IS NULL AND overdue_at <= {cutoff}
            ORDER BY window_end, id LIMIT {_batch} FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            task.EscalatedAt = now;
            task.UpdatedAt = now;
            if (cooldown.LastEscalatedAt is { } last && now - last < TimeSpan.FromMinutes(plan.EscalationCooldownMinutes))
            {
                task.EscalationSuppressed = true;
                cooldown.Suppressed++;
                continue;
            }

            db.AddIntegrationEvent(Event(task, SanitationTaskOverdue.Escalated, cooldown.Suppressed, now), TimeProvider);
            cooldown.Suppressed = 0;
            cooldown.LastEscalatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tasks.Count;
    }

    private static SanitationTaskOverdue Event(SanitationTask task, string level, int suppressed, DateTimeOffset now) => new(
        task.Id, task.HallId, task.ZoneId, task.ZoneKind, task.RuleId, task.RuleKind, task.WindowStart.ToUniversalTime(), task.WindowEnd.ToUniversalTime(),
        level, suppressed, now);
}
