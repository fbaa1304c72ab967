using CivicHall.Occupancy.Halls;
using CivicHall.Occupancy.Policies;

namespace CivicHall.Occupancy.Planning;

/// <summary>
/// Recomputes a hall's zones and capacities from its layout and the policy in force (DESIGN §2) —
/// when the layout changes, when a policy version takes effect — under the hall's lock, then lets the
/// queue in if capacity grew. Runs inside the caller's transaction. A zone that still holds people
/// cannot be removed from the layout.
/// </summary>
public sealed class FloorPlanStore(OccupancyDbContext db, FloorStore door, TimeProvider timeProvider) : IFloorPlanStore
{
    /// <summary>Null when applied; else the zones the layout removes that still hold people.</summary>
    public async Task<IReadOnlyList<string>?> ApplyAsync(Hall hall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var now = timeProvider.GetUtcNow();
        var versions = await db.Policies.AsNoTracking().Where(p => p.HallId == hall.Id).ToListAsync(cancellationToken);
        var policy = OccupancyPolicies.InForce(versions, now) ?? OccupancyPolicyDefaults.For(hall.Id);

        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO hall_occupancy (hall_id, time_zone, on_site_state, policy_version, inside, capacity, queue_length, staff_present,
                reception_date, received_today, last_ticket, alert_levels, alert_cooldown_seconds, retention_days,
                sequence, announced_sequence, announced_at, updated_at)
            VALUES ({hall.Id}, {hall.TimeZone}, {hall.OnSiteState}, -1, 0, 0, 0, 0, {DateOnly.MinValue}, 0, 0, {Array.Empty<int>()}, 0, {policy.RetentionDays}, 0, 0, {now}, {now})
            ON CONFLICT (hall_id) DO NOTHING
            """,
            cancellationToken);
        var state = await db.HallOccupancies
            .FromSql($"SELECT * FROM hall_occupancy WHERE hall_id = {hall.Id} FOR UPDATE")
            .SingleAsync(cancellationToken);
        var zones = await db.Zones.Where(z => z.HallId == hall.Id).ToListAsync(cancellationToken);
        var plans = ZonePlan.For(hall.Zones, policy);

        var removed = zones.Where(z => !plans.Any(p => p.ZoneId == z.ZoneId)).ToList();
        if (removed.Any(z => z.Count > 0))
        {
            return [.. removed.Where(z => z.Count > 0).Select(z => z.ZoneId)];
        }

        db.Zones.RemoveRange(removed);
        foreach (var plan in plans)
        {
            var zone = zones.FirstOrDefault(z => z.ZoneId == plan.ZoneId);
            if (zone is null)
            {
                zone = new OccupancyZone { HallId = hall.Id, ZoneId = plan.ZoneId };
                db.Zones.Add(zone);
                zones.Add(zone);
            }

            zone.Kind = plan.Kind;
            zone.Name = plan.Name;
            zone.IsPublic = plan.IsPublic;
            zone.EntryRank = plan.EntryRank;
            zone.PlannedCapacity = plan.Capacity;
            zone.Capacity = zone.State == ZoneState.Closed ? 0 : plan.Capacity;
        }

        var current = zones.Except(removed).ToList();
        state.TimeZone = hall.TimeZone;
        state.PolicyVersion = policy.Version;
        state.DailyQuota = policy.DailyQuota;
        state.AlertLevels = [.. policy.AlertLevels];
        state.AlertCooldownSeconds = policy.AlertCooldownSeconds;
        state.RetentionDays = policy.RetentionDays;
        state.Capacity = current.Where(z => z.IsPublic).Sum(z => z.Capacity);
        state.Inside = current.Where(z => z.IsPublic).Sum(z => z.Count);
        await db.SaveChangesAsync(cancellationToken);

        await door.ChangedAsync(hall.Id, "replanned", [.. current.Select(z => z.ZoneId)], cancellationToken);
        await door.AdvanceQueueAsync(hall.Id, cancellationToken);
        return null;
    }
}
