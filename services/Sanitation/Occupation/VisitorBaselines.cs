using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;

namespace CivicHall.Sanitation.Occupation;

/// <summary>
/// Rules with <c>bringForwardAfterVisitors</c>: a zone that received that many visitors since the last record of one
/// of the rule's tasks there has its next task of the day brought forward to start now. The baseline row of (hall,
/// zone, rule) orders the two writers: a record resets it (<see cref="ResetAsync"/>) and visitors bring a task forward
/// (<see cref="BringForwardAsync"/>) each under its lock, and a task moves only by a conditional update (still
/// <c>due</c>, not yet started), under the hall-day's generation lock, so regeneration never moves it back meanwhile.
/// </summary>
public static class VisitorBaselines
{
    /// <summary>
    /// A record of a task of a bringing-forward rule: the zone's visitors count again from now. Called in the record's
    /// transaction before its task is taken, so the baseline row is always locked before the task row.
    /// </summary>
    public static Task<int> ResetAsync(SanitationDbContext db, string hallId, string zoneId, string ruleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO sanitation_visitor_baselines (hall_id, zone_id, rule_id, visitors, reset_at)
            VALUES ({hallId}, {zoneId}, {ruleId},
                COALESCE((SELECT visitors FROM sanitation_zone_occupancy WHERE hall_id = {hallId} AND zone_id = {zoneId}), 0), {now})
            ON CONFLICT (hall_id, zone_id, rule_id) DO UPDATE SET visitors = excluded.visitors, reset_at = excluded.reset_at
            """,
            cancellationToken);
    }

    /// <summary>
    /// After a zone received visitors (its running count is now <paramref name="visitors"/>): for each rule of the plan
    /// that brings tasks forward in this zone and whose threshold is reached, the zone's next <c>due</c> task of the
    /// rule on the hall's local day moves to start now, keeping its length. Nothing moves while one of the rule's tasks
    /// is already open (its window has started and it is not recorded): the zone is already due. Returns the tasks moved.
    /// </summary>
    public static async Task<int> BringForwardAsync(
        SanitationDbContext db, string hallId, string timeZone, SanitationPlan plan, string zoneId, string zoneKind, long visitors, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        var rules = plan.Rules
            .Where(r => r.BringForwardAfterVisitors is not null && r.Kind is RuleKinds.Every or RuleKinds.TimesPerDay && r.Covers(zoneId, zoneKind))
            .OrderBy(r => r.RuleId, StringComparer.Ordinal)
            .ToList();
        if (rules.Count == 0)
        {
            return 0;
        }

        var today = HallTime.LocalDate(timeZone, now);
        await TaskDays.LockDayAsync(db, hallId, today, cancellationToken);
        var moved = 0;
        foreach (var rule in rules)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO sanitation_visitor_baselines (hall_id, zone_id, rule_id, visitors)
                VALUES ({hallId}, {zoneId}, {rule.RuleId}, 0) ON CONFLICT DO NOTHING
                """,
                cancellationToken);
            var baseline = await db.Database.SqlQuery<long>(
                $"""
                SELECT visitors AS "Value" FROM sanitation_visitor_baselines
                WHERE hall_id = {hallId} AND zone_id = {zoneId} AND rule_id = {rule.RuleId} FOR UPDATE
                """).SingleAsync(cancellationToken);
            if (!Reached(visitors, baseline, rule.BringForwardAfterVisitors!.Value))
            {
                continue;
            }

            var ruleId = rule.RuleId;
            var next = await db.Tasks.AsNoTracking()
                .Where(t => t.HallId == hallId && t.LocalDate == today && t.ZoneId == zoneId && t.RuleId == ruleId && t.State == TaskState.Due && t.WindowEnd > now)
                .OrderBy(t => t.WindowStart).ThenBy(t => t.Id)
                .Select(t => new { t.Id, t.WindowStart })
                .FirstOrDefaultAsync(cancellationToken);
            if (next is null || next.WindowStart <= now)
            {
                continue; // nothing left today, or one is open already
            }

            moved += await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE sanitation_tasks
                SET window_end = {now} + (window_end - window_start), window_start = {now}, brought_forward_at = {now}, updated_at = {now}
                WHERE id = {next.Id} AND state = 'due' AND window_start > {now}
                """,
                cancellationToken);
        }

        return moved;
    }

    /// <summary>Whether a zone whose running count of visitors is <paramref name="visitors"/> received <paramref name="threshold"/> since <paramref name="baseline"/>.</summary>
    public static bool Reached(long visitors, long baseline, int threshold) => visitors - baseline >= threshold;
}
