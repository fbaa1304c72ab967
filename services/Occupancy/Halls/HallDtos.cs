using System.ComponentModel.DataAnnotations;
using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Occupancy.Halls;

/// <summary>
/// Body of <c>PUT /api/v1/halls/{hallId}</c>: the whole configuration of the hall. <c>timeZone</c> is an IANA
/// time zone (<c>Asia/Shanghai</c> when left out); each weekday and each override date at most once.
/// </summary>
public sealed record PutHallRequest(
    [Required, StringLength(200, MinimumLength = 1)] string? Name,
    [Required, StringLength(100, MinimumLength = 1)] string? District,
    [StringLength(HallValidation.MaxTimeZoneLength)] string? TimeZone,
    [MaxLength(7)] IReadOnlyList<OpeningHoursDto>? OpeningHours,
    [MaxLength(HallValidation.MaxOverrides)] IReadOnlyList<OpeningHoursOverrideDto>? Overrides,
    [Required, Length(1, HallValidation.MaxZones)] IReadOnlyList<ZoneDto>? Zones);

/// <summary>Hours of one weekday (<c>monday</c>…<c>sunday</c>), local time as <c>HH:mm</c>.</summary>
public sealed record OpeningHoursDto(
    [Required, AllowedValues("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")] string? Day,
    [Required, StringLength(5), RegularExpression(HallValidation.TimePattern)] string? Opens,
    [Required, StringLength(5), RegularExpression(HallValidation.TimePattern)] string? Closes);

/// <summary>A dated exception: other hours (an extension) or, with no hours, closed that day.</summary>
public sealed record OpeningHoursOverrideDto(
    [Required, StringLength(10), RegularExpression(HallValidation.DatePattern)] string? Date,
    [StringLength(5), RegularExpression(HallValidation.TimePattern)] string? Opens,
    [StringLength(5), RegularExpression(HallValidation.TimePattern)] string? Closes,
    [StringLength(200)] string? Reason);

/// <summary>A zone of the hall (DESIGN §2): its kind and area decide its capacity.</summary>
public sealed record ZoneDto(
    [Required, Identifier] string? ZoneId,
    [Required, AllowedValues(
        ZoneKinds.EntranceQueue, ZoneKinds.SecurityCheck, ZoneKinds.ServiceFloor, ZoneKinds.WaitingArea, ZoneKinds.SelfService, ZoneKinds.MeetingRoom,
        ZoneKinds.Canteen, ZoneKinds.Office, ZoneKinds.Restroom, ZoneKinds.Isolation, ZoneKinds.CourierPoint, ZoneKinds.Parking)] string? Kind,
    [Required, StringLength(100, MinimumLength = 1)] string? Name,
    [Required, Range(0.0, (double)HallValidation.MaxZoneAreaM2, MinimumIsExclusive = true)] decimal? AreaM2);

/// <summary>A page of the hall list, by <c>hallId</c>; <c>nextCursor</c> is null on the last page.</summary>
public sealed record HallList(IReadOnlyList<HallResponse> Halls, string? NextCursor);

public sealed record HallResponse(
    string HallId,
    long Version,
    string Name,
    string District,
    string TimeZone,
    [AllowedValues("open", "restricted", "suspended")] string OnSiteState,
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
