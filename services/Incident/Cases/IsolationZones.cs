using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Incident.Cases;

/// <summary>
/// How many people a hall's isolation zone may hold at once. <c>HallConfigured</c> gives a zone its area only, and
/// occupancy's density is for public zones (the isolation room is not one): one person per
/// <see cref="SquareMetresPerPlace"/> m², at least one place for a zone the hall has declared.
/// </summary>
public static class IsolationZones
{
    /// <summary>Floor area per isolated person (a single room of about 10 m² holds one).</summary>
    public const decimal SquareMetresPerPlace = 10m;

    public static int Places(HallZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Math.Max(1, (int)Math.Floor(zone.AreaM2 / SquareMetresPerPlace));
    }
}
