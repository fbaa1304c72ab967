namespace CivicHall.Sanitation.Plans;

public static class SanitationPlans
{
    /// <summary>Of a hall's versions, the one in force at an instant: the latest to take effect by then.</summary>
    public static SanitationPlan? InForce(IEnumerable<SanitationPlan> versions, DateTimeOffset at) => versions
        .Where(p => p.EffectiveFrom <= at)
        .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version)
        .FirstOrDefault();

    /// <summary>The version in force at an instant, or the defaults (version 0) before the first.</summary>
    public static async Task<SanitationPlan> InForceAsync(SanitationDbContext db, string hallId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The same choice as InForce, made by the database: one row read, not every version's rules.
        var inForce = await db.Plans.AsNoTracking().Where(p => p.HallId == hallId && p.EffectiveFrom <= at)
            .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        return inForce ?? SanitationPlanDefaults.For(hallId);
    }

    /// <summary>The grace of the version in force at an instant (a record's lateness): its one column, not its rules.</summary>
    public static async Task<int> GraceMinutesAsync(SanitationDbContext db, string hallId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var grace = await db.Plans.AsNoTracking().Where(p => p.HallId == hallId && p.EffectiveFrom <= at)
            .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version).Select(p => (int?)p.GraceMinutes).FirstOrDefaultAsync(cancellationToken);
        return grace ?? SanitationPlanDefaults.GraceMinutes;
    }
}
