namespace CivicHall.Occupancy.Floor;

/// <summary>
/// One zone's live count against its capacity. <see cref="PlannedCapacity"/> comes from the layout and
/// the policy (<c>ZonePlan</c>); <see cref="Capacity"/> is what the zone may hold now: the plan,
/// or 0 while it is closed. A closed zone keeps its people counted until they are moved out.
/// </summary>
public sealed class OccupancyZone
{
    public required string HallId { get; init; }

    public required string ZoneId { get; init; }

    public string Kind { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public bool IsPublic { get; set; }

    /// <summary>Order in which entry zones take people from the door; null for other zones.</summary>
    public int? EntryRank { get; set; }

    public int PlannedCapacity { get; set; }

    public int Capacity { get; set; }

    public int Count { get; set; }

    /// <summary>
    /// Every step into the zone since it was added (<c>occupancy_enter</c>): only grows, so sanitation can tell
    /// how many people a zone received since its last cleaning from two <c>OccupancyChanged</c>.
    /// </summary>
    public long Entered { get; set; }

    public ZoneState State { get; set; } = ZoneState.Open;

    public string? ClosedReason { get; set; }

    public string? ClosedByIncident { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The alert level last raised (per cent), and when: the cool-down runs from there.</summary>
    public int AlertedLevel { get; set; }

    public DateTimeOffset? AlertedAt { get; set; }
}
