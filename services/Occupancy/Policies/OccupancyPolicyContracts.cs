namespace CivicHall.Occupancy.Policies;

/// <summary>A new version; every field left out takes its default (<see cref="OccupancyPolicyDefaults"/>).</summary>
public sealed record PutOccupancyPolicyRequest(
    DateTimeOffset? EffectiveFrom,
    decimal? DensityPer100M2,
    IReadOnlyDictionary<string, int>? ZoneCaps,
    int? DailyQuota,
    IReadOnlyList<int>? AlertLevels,
    int? AlertCooldownSeconds,
    int? RetentionDays);

public sealed record OccupancyPolicyResponse(
    string HallId,
    int Version,
    DateTimeOffset EffectiveFrom,
    decimal DensityPer100M2,
    IReadOnlyDictionary<string, int> ZoneCaps,
    int? DailyQuota,
    IReadOnlyList<int> AlertLevels,
    int AlertCooldownSeconds,
    int RetentionDays,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static OccupancyPolicyResponse From(OccupancyPolicy p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.HallId, p.Version, p.EffectiveFrom, p.DensityPer100M2, p.ZoneCaps, p.DailyQuota, p.AlertLevels,
            p.AlertCooldownSeconds, p.RetentionDays, p.CreatedAt, p.CreatedBy);
    }
}

/// <summary>The version in force and those that take effect later.</summary>
public sealed record OccupancyPolicyView(OccupancyPolicyResponse? Current, IReadOnlyList<OccupancyPolicyResponse> Upcoming);
