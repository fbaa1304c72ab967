namespace CivicHall.Occupancy.Policies;

/// <summary>
/// One version of a hall's occupancy rules (DESIGN §3): density, caps per zone kind, the daily
/// reception quota, alert levels and their cool-down, and how long movement records are kept.
/// Versions are never edited; the one in force is the latest whose <see cref="EffectiveFrom"/> has come.
/// </summary>
public sealed class OccupancyPolicy
{
    public required string HallId { get; init; }

    public int Version { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>People per 100 m² of floor (Qingpu: 15).</summary>
    public decimal DensityPer100M2 { get; init; }

    /// <summary>Zone kinds with a fixed cap instead of the density (meeting room: 20).</summary>
    public Dictionary<string, int> ZoneCaps { get; init; } = [];

    /// <summary>Visitors received per day (admitted or queued); null for no quota. Staff are not counted.</summary>
    public int? DailyQuota { get; init; }

    /// <summary>Per cent of a zone's capacity at which <c>ZoneAtCapacity</c> is raised, ascending (80, 100).</summary>
    public List<int> AlertLevels { get; init; } = [];

    /// <summary>A level is raised again only this long after the zone's last alert, unless it is a higher one.</summary>
    public int AlertCooldownSeconds { get; init; }

    /// <summary>Admission, movement and exit records are kept this long for contact tracing, then purged.</summary>
    public int RetentionDays { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }
}
