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

    /// <summary>Opening and closing time on a date (local), or null when the hall is closed that day.</summary>
    public (TimeOnly Opens, TimeOnly Closes)? HoursOn(DateOnly date)
    {
        var special = Overrides.FirstOrDefault(o => o.Date == date);
        if (special is not null)
        {
            return special.Opens is { } opens && special.Closes is { } closes && opens < closes ? (opens, closes) : null;
        }

        var regular = OpeningHours.FirstOrDefault(h => h.Day == date.DayOfWeek);
        return regular is not null && regular.Opens < regular.Closes ? (regular.Opens, regular.Closes) : null;
    }

    /// <summary>The instant a local date and time of this hall denotes.</summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1); // inside a DST gap: the first valid time after it
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>An instant as the hall's local time (how times are shown to clients).</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));

    /// <summary>The hall's local date at an instant.</summary>
    public DateOnly DateAt(DateTimeOffset instant) => HallTime.LocalDate(TimeZone, instant);
}
