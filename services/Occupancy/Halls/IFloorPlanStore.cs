namespace CivicHall.Occupancy.Halls;

/// <summary>
/// Re-plans a hall's zones and capacities under its lock (implemented by Planning's <c>FloorPlanStore</c>).
/// A hall's layout and its policy versions both change the plan, and planning reads both: the halls' and
/// the policies' endpoints call it through this interface so that planning may depend on them, not they on it.
/// </summary>
public interface IFloorPlanStore
{
    /// <summary>Null when applied; else the zones the layout removes that still hold people.</summary>
    Task<IReadOnlyList<string>?> ApplyAsync(Hall hall, CancellationToken cancellationToken);
}
