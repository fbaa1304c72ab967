using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Booking.Slots;

/// <summary>What slot planning needs of a hall: its time zone, on-site state and opening hours.</summary>
public sealed record HallDay(
    string HallId,
    string TimeZone,
    string OnSiteState,
    IReadOnlyList<WeeklyOpeningHours> OpeningHours,
    IReadOnlyList<OpeningHoursOverride> Overrides)
{
    /// <summary>The hall as the hall directory knows it (from <c>HallConfigured</c>).</summary>
    public static HallDay Of(KnownHall hall)
    {
        ArgumentNullException.ThrowIfNull(hall);
        return new HallDay(hall.HallId, hall.TimeZone, hall.OnSiteState, hall.OpeningHours, hall.Overrides);
    }

    /// <summary>Opening and closing time on a local date, or null when the hall is closed that day (an override wins over the week).</summary>
    public (TimeOnly Opens, TimeOnly Closes)? HoursOn(DateOnly date) => OpeningHoursCalendar.HoursOn(OpeningHours, Overrides, date);

    /// <summary>The instant a local date and time of this hall denotes (a time inside a DST gap: the first valid time after it).</summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time) => HallTime.At(TimeZone, date, time);

    /// <summary>The hall's local time of day at an instant (for texts people read; every instant the API answers is UTC).</summary>
    public TimeOnly TimeOfDay(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);

    /// <summary>The hall's local date at an instant.</summary>
    public DateOnly DateAt(DateTimeOffset instant) => HallTime.LocalDate(TimeZone, instant);
}
