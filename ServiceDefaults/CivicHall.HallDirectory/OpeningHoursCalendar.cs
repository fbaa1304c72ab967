using CivicHall.Contracts.Halls.V1;

namespace CivicHall.HallDirectory;

/// <summary>A hall's hours on a local date, from its weekly hours and the dates that differ (as <see cref="HallConfigured"/> carries them).</summary>
public static class OpeningHoursCalendar
{
    /// <summary>Opening and closing time on a local date, or null when the hall is closed that day (an override wins over the week).</summary>
    public static (TimeOnly Opens, TimeOnly Closes)? HoursOn(
        IReadOnlyList<WeeklyOpeningHours> openingHours, IReadOnlyList<OpeningHoursOverride> overrides, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(openingHours);
        ArgumentNullException.ThrowIfNull(overrides);
        var special = overrides.FirstOrDefault(o => o.Date == date);
        if (special is not null)
        {
            return special.Opens is { } opens && special.Closes is { } closes && opens < closes ? (opens, closes) : null;
        }

        var regular = openingHours.FirstOrDefault(h => h.Day == date.DayOfWeek);
        return regular is not null && regular.Opens < regular.Closes ? (regular.Opens, regular.Closes) : null;
    }
}
