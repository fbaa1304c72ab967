namespace CivicHall.ServiceDefaults;

/// <summary>A hall's local calendar: days, quotas and tickets run on the hall's date, not UTC's.</summary>
public static class HallTime
{
    /// <summary>The local date at <paramref name="instant"/> in the hall's IANA time zone (e.g. Asia/Shanghai).</summary>
    public static DateOnly LocalDate(string timeZone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
}
