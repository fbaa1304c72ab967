using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Occupancy.Halls;

/// <summary>
/// A service hall as the registry owns it: its layout (zones), opening hours and on-site state.
/// The layout is one versioned document; every change raises <see cref="Version"/> by one and is
/// announced as <see cref="HallConfigured"/>.
/// </summary>
public sealed class Hall
{
    public required string Id { get; init; }

    public long Version { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string District { get; private set; } = string.Empty;

    public string TimeZone { get; private set; } = HallLayout.DefaultTimeZone;

    public string OnSiteState { get; private set; } = OnSiteStates.Open;

    public List<WeeklyOpeningHours> OpeningHours { get; private set; } = [];

    public List<OpeningHoursOverride> Overrides { get; private set; } = [];

    public List<HallZone> Zones { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Replaces the layout; returns the event to publish, or null when nothing changed.</summary>
    public HallConfigured? Configure(HallLayout layout, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (Version > 0 && layout.Equals(CurrentLayout()))
        {
            return null;
        }

        Name = layout.Name;
        District = layout.District;
        TimeZone = layout.TimeZone;
        OpeningHours = [.. layout.OpeningHours];
        Overrides = [.. layout.Overrides];
        Zones = [.. layout.Zones];
        Version++;
        UpdatedAt = now;
        return ToEvent(now);
    }

    /// <summary>Suspends or resumes on-site service; returns the event to publish, or null when already so.</summary>
    public HallConfigured? SetOnSiteState(string state, DateTimeOffset now)
    {
        if (OnSiteState == state)
        {
            return null;
        }

        OnSiteState = state;
        Version++;
        UpdatedAt = now;
        return ToEvent(now);
    }

    public HallConfigured ToEvent(DateTimeOffset occurredAt) =>
        new(Id, Version, Name, District, TimeZone, OnSiteState, OpeningHours, Overrides, Zones, occurredAt);

    private HallLayout CurrentLayout() => new(Name, District, TimeZone, OpeningHours, Overrides, Zones);
}
