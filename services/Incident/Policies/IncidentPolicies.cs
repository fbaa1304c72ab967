namespace CivicHall.Incident.Policies;

/// <summary>Which version of a hall's incident policy is in force at an instant.</summary>
public static class IncidentPolicies
{
    /// <summary>Of a hall's versions, the one in force at an instant: the latest to take effect by then; the defaults (version 0) when none.</summary>
    public static IncidentPolicy InForce(string hallId, IEnumerable<IncidentPolicy> versions, DateTimeOffset at) => versions
        .Where(p => p.EffectiveFrom <= at)
        .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version)
        .FirstOrDefault() ?? IncidentPolicy.Defaults(hallId);

    /// <summary>The hall's version in force at <paramref name="at"/> (a case's opening), or the defaults.</summary>
    public static async Task<IncidentPolicy> InForceAsync(IncidentDbContext db, string hallId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var policy = await db.Policies.AsNoTracking()
            .Where(p => p.HallId == hallId && p.EffectiveFrom <= at)
            .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return policy ?? IncidentPolicy.Defaults(hallId);
    }
}
