using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace CivicHall.Occupancy.Policies;

/// <summary>
/// A new version; every field left out takes its default. <c>zoneCaps</c> maps a zone kind to its cap (0–100,000 people);
/// <c>alertLevels</c> are distinct per-cent levels from 1 to 100, ascending.
/// </summary>
public sealed record PutOccupancyPolicyRequest(
    DateTimeOffset? EffectiveFrom,
    [Range(0.0, 200.0, MinimumIsExclusive = true), Description("People per 100 m².")] decimal? DensityPer100M2,
    IReadOnlyDictionary<string, int>? ZoneCaps,
    [Range(0, 1_000_000)] int? DailyQuota,
    [MaxLength(5)] IReadOnlyList<int>? AlertLevels,
    [Range(0, 86_400)] int? AlertCooldownSeconds,
    [Range(1, 365)] int? RetentionDays);

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
