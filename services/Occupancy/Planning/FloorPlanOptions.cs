namespace CivicHall.Occupancy.Planning;

public sealed class FloorPlanOptions
{
    /// <summary>How often to look for halls whose policy version in force is not the one their zones were planned under.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
