namespace CivicHall.Occupancy.Policies;

public static class OccupancyPolicies
{
    /// <summary>Of a hall's versions, the one in force at an instant: the latest to take effect by then.</summary>
    public static OccupancyPolicy? InForce(IEnumerable<OccupancyPolicy> versions, DateTimeOffset at) => versions
        .Where(p => p.EffectiveFrom <= at)
        .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version)
        .FirstOrDefault();
}
