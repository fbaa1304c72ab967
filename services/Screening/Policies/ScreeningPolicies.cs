namespace CivicHall.Screening.Policies;

public static class ScreeningPolicies
{
    /// <summary>Of a hall's versions, the one in force at an instant: the latest to take effect by then.</summary>
    public static ScreeningPolicy? InForce(IEnumerable<ScreeningPolicy> versions, DateTimeOffset at) => versions
        .Where(p => p.EffectiveFrom <= at)
        .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version)
        .FirstOrDefault();
}
