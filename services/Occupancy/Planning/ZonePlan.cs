using CivicHall.Contracts.Halls.V1;
using CivicHall.Occupancy.Policies;

namespace CivicHall.Occupancy.Planning;

/// <summary>
/// What a zone may hold under a policy (DESIGN §2): floor(area ÷ 100 × density), or the kind's cap
/// where the policy sets one (meeting rooms: 20). Only <see cref="IsPublic"/> zones count towards the
/// hall's capacity, and a visitor let in is placed in the first <see cref="EntryRank"/> zone with room.
/// </summary>
public sealed record ZonePlan(string ZoneId, string Kind, string Name, decimal AreaM2, int Capacity, bool IsPublic, int? EntryRank)
{
    /// <summary>Where people let in through the door go first, in this order: the floors with the windows, then waiting and self-service areas.</summary>
    public static IReadOnlyList<string> EntryKinds { get; } = [ZoneKinds.ServiceFloor, ZoneKinds.WaitingArea, ZoneKinds.SelfService];

    /// <summary>
    /// Zones inside the hall where the public may be. Not the door queue (outside), screening lanes
    /// (passed through), the isolation room, the courier point, back offices or the car park.
    /// </summary>
    public static IReadOnlySet<string> PublicKinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ZoneKinds.ServiceFloor, ZoneKinds.WaitingArea, ZoneKinds.SelfService, ZoneKinds.MeetingRoom, ZoneKinds.Canteen, ZoneKinds.Restroom,
    };

    public static int CapacityOf(HallZone zone, OccupancyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(policy);
        return policy.ZoneCaps.TryGetValue(zone.Kind, out var cap)
            ? cap
            : (int)Math.Floor(zone.AreaM2 / 100m * policy.DensityPer100M2);
    }

    /// <summary>The plan of every zone of a layout, entry zones ranked by kind and then id.</summary>
    public static IReadOnlyList<ZonePlan> For(IEnumerable<HallZone> zones, OccupancyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var ordered = zones.OrderBy(z => z.ZoneId, StringComparer.Ordinal).ToList();
        var entryOrder = ordered
            .Where(z => EntryKinds.Contains(z.Kind))
            .OrderBy(z => EntryKinds.ToList().IndexOf(z.Kind)).ThenBy(z => z.ZoneId, StringComparer.Ordinal)
            .Select((z, rank) => (z.ZoneId, rank))
            .ToDictionary(x => x.ZoneId, x => x.rank, StringComparer.Ordinal);
        return [.. ordered.Select(z => new ZonePlan(
            z.ZoneId, z.Kind, z.Name, z.AreaM2, CapacityOf(z, policy), PublicKinds.Contains(z.Kind),
            entryOrder.TryGetValue(z.ZoneId, out var rank) ? rank : null))];
    }
}
