namespace CivicHall.Occupancy.Halls;

/// <summary>Body of <c>PUT /api/v1/halls/{hallId}</c>: the whole configuration of the hall.</summary>
public sealed record PutHallRequest(
    string? Name,
    string? District,
    string? TimeZone,
    IReadOnlyList<OpeningHoursDto>? OpeningHours,
    IReadOnlyList<OpeningHoursOverrideDto>? Overrides,
    IReadOnlyList<ZoneDto>? Zones);

/// <summary>Hours of one weekday (<c>monday</c>…<c>sunday</c>), local time as <c>HH:mm</c>.</summary>
public sealed record OpeningHoursDto(string? Day, string? Opens, string? Closes);

/// <summary>A dated exception: other hours (an extension) or, with no hours, closed that day.</summary>
public sealed record OpeningHoursOverrideDto(string? Date, string? Opens, string? Closes, string? Reason);

public sealed record ZoneDto(string? ZoneId, string? Kind, string? Name, decimal? AreaM2);

public sealed record HallResponse(
    string HallId,
    long Version,
    string Name,
    string District,
    string TimeZone,
    string OnSiteState,
    IReadOnlyList<OpeningHoursDto> OpeningHours,
    IReadOnlyList<OpeningHoursOverrideDto> Overrides,
    IReadOnlyList<ZoneDto> Zones,
    DateTimeOffset UpdatedAt)
{
    public static HallResponse From(Hall hall) => new(
        hall.Id,
        hall.Version,
        hall.Name,
        hall.District,
        hall.TimeZone,
        hall.OnSiteState,
        [.. hall.OpeningHours.Select(h => new OpeningHoursDto(HallValidation.DayName(h.Day), HallValidation.Format(h.Opens), HallValidation.Format(h.Closes)))],
        [.. hall.Overrides.Select(o => new OpeningHoursOverrideDto(
            o.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            o.Opens is { } opens ? HallValidation.Format(opens) : null,
            o.Closes is { } closes ? HallValidation.Format(closes) : null,
            o.Reason))],
        [.. hall.Zones.Select(z => new ZoneDto(z.ZoneId, z.Kind, z.Name, z.AreaM2))],
        hall.UpdatedAt);
}
