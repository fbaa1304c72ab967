using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Sanitation;

/// <summary>What the schedule needs of a hall (from the hall directory): its time zone, hours and zones.</summary>
public sealed record SanitationHall(
    string TimeZone,
    IReadOnlyList<WeeklyOpeningHours> OpeningHours,
    IReadOnlyList<OpeningHoursOverride> Overrides,
    IReadOnlyList<HallZone> Zones)
{
    public static SanitationHall From(KnownHall hall)
    {
        ArgumentNullException.ThrowIfNull(hall);
        return new(hall.TimeZone, hall.OpeningHours, hall.Overrides, hall.Zones);
    }

    /// <summary>Opening and closing time on a local date, or null when the hall is closed that day (an override wins over the week).</summary>
    public (TimeOnly Opens, TimeOnly Closes)? HoursOn(DateOnly date) => OpeningHoursCalendar.HoursOn(OpeningHours, Overrides, date);

    /// <summary>The instant (UTC) a local date and time of this hall denotes (a time inside a DST gap: the first valid time after it).</summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time) => HallTime.At(TimeZone, date, time).ToUniversalTime();

    /// <summary>The dates a caller may ask about: enough for any plan, and far from the calendar's ends.</summary>
    public static bool IsPlausible(DateOnly date) => date.Year is >= 2000 and <= 2100;

    /// <summary>Adds the one answer for an implausible <c>date</c> query parameter to <paramref name="errors"/>; true when the date is fine or absent.</summary>
    public static bool CheckDate(Dictionary<string, string[]> errors, DateOnly? date)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (date is { } asked && !IsPlausible(asked))
        {
            errors["date"] = ["A date from 2000 to 2100."];
            return false;
        }

        return true;
    }

    /// <summary>The hall's local date at an instant.</summary>
    public DateOnly DateAt(DateTimeOffset instant) => HallTime.LocalDate(TimeZone, instant);
}
