namespace CivicHall.Contracts.Halls.V1;

/// <summary>
/// A hall was created or its layout, opening hours or on-site state changed (published by occupancy).
/// Carries the whole hall so consumers can replace their projection; <see cref="Version"/> grows by
/// one with every change, so a consumer applies an event only when it is newer than what it holds.
/// </summary>
public sealed record HallConfigured(
    string HallId,
    long Version,
    string Name,
    string District,
    string TimeZone,
    string OnSiteState,
    IReadOnlyList<WeeklyOpeningHours> OpeningHours,
    IReadOnlyList<OpeningHoursOverride> Overrides,
    IReadOnlyList<HallZone> Zones,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Regular opening hours for one weekday, in the hall's local time.</summary>
public sealed record WeeklyOpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// A date whose hours differ from the weekly ones (an extension such as a Saturday opening, or a closure).
/// <see cref="Opens"/> and <see cref="Closes"/> are null when the hall is closed that day.
/// </summary>
public sealed record OpeningHoursOverride(DateOnly Date, TimeOnly? Opens, TimeOnly? Closes, string? Reason);

/// <summary>A zone of the hall (DESIGN §2): its kind is one of <see cref="ZoneKinds"/>.</summary>
public sealed record HallZone(string ZoneId, string Kind, string Name, decimal AreaM2);
