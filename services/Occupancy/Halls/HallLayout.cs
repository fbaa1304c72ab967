using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Occupancy.Halls;

/// <summary>A validated, normalised hall configuration (hours sorted by day, zones by id).</summary>
public sealed record HallLayout(
    string Name,
    string District,
    string TimeZone,
    IReadOnlyList<WeeklyOpeningHours> OpeningHours,
    IReadOnlyList<OpeningHoursOverride> Overrides,
    IReadOnlyList<HallZone> Zones)
{
    public const string DefaultTimeZone = "Asia/Shanghai";

    public bool Equals(HallLayout? other) =>
        other is not null
        && Name == other.Name
        && District == other.District
        && TimeZone == other.TimeZone
        && OpeningHours.SequenceEqual(other.OpeningHours)
        && Overrides.SequenceEqual(other.Overrides)
        && Zones.SequenceEqual(other.Zones);

    public override int GetHashCode() => HashCode.Combine(Name, District, TimeZone, OpeningHours.Count, Overrides.Count, Zones.Count);
}
