using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Occupancy.Policies;

/// <summary>The values of DESIGN §3 and the hall plans, used for whatever a version leaves out.</summary>
public static class OccupancyPolicyDefaults
{
    /// <summary>Qingpu: 15 people per 100 m².</summary>
    public const decimal DensityPer100M2 = 15m;

    public const int AlertCooldownSeconds = 300;

    /// <summary>As long as screening keeps its records, so a trace finds both.</summary>
    public const int RetentionDays = 28;

    /// <summary>Qingpu: meeting rooms at most 20 people.</summary>
    public static IReadOnlyDictionary<string, int> ZoneCaps { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [ZoneKinds.MeetingRoom] = 20,
    };

    public static IReadOnlyList<int> AlertLevels { get; } = [80, 100];

    /// <summary>Version 0: what a hall runs under before its first version.</summary>
    public static OccupancyPolicy For(string hallId) => new()
    {
        HallId = hallId,
        Version = 0,
        EffectiveFrom = DateTimeOffset.MinValue,
        DensityPer100M2 = DensityPer100M2,
        ZoneCaps = new Dictionary<string, int>(ZoneCaps, StringComparer.Ordinal),
        DailyQuota = null,
        AlertLevels = [.. AlertLevels],
        AlertCooldownSeconds = AlertCooldownSeconds,
        RetentionDays = RetentionDays,
        CreatedAt = DateTimeOffset.MinValue,
        CreatedBy = "defaults",
    };
}
