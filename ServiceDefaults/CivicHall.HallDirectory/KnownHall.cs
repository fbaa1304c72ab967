using CivicHall.Contracts.Halls.V1;

namespace CivicHall.HallDirectory;

/// <summary>What a service knows of a hall owned by occupancy: the latest <see cref="HallConfigured"/> it applied.</summary>
public sealed class KnownHall
{
    public required string HallId { get; init; }

    public long Version { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string District { get; private set; } = string.Empty;

    public string TimeZone { get; private set; } = "Asia/Shanghai";

    public string OnSiteState { get; private set; } = OnSiteStates.Open;

    public List<WeeklyOpeningHours> OpeningHours { get; private set; } = [];

    public List<OpeningHoursOverride> Overrides { get; private set; } = [];

    public List<HallZone> Zones { get; private set; } = [];

    public DateTimeOffset ConfiguredAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Applies the event when it is newer than what is held; older or equal versions are ignored.</summary>
    public bool Apply(HallConfigured configured, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (configured.Version <= Version)
        {
            return false;
        }

        Version = configured.Version;
        Name = configured.Name;
        District = configured.District;
        TimeZone = configured.TimeZone;
        OnSiteState = configured.OnSiteState;
        OpeningHours = [.. configured.OpeningHours];
        Overrides = [.. configured.Overrides];
        Zones = [.. configured.Zones];
        ConfiguredAt = configured.OccurredAt;
        UpdatedAt = now;
        return true;
    }
}
