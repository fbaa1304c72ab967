namespace CivicHall.ServiceDefaults;

/// <summary>A hall's local calendar: days, quotas and tickets run on the hall's date, not UTC's.</summary>
public static class HallTime
{
    /// <summary>The local date at <paramref name="instant"/> in the hall's IANA time zone (e.g. Asia/Shanghai).</summary>
    public static DateOnly LocalDate(string timeZone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);

    /// <summary>
    /// The instant a local date and time denotes in the hall's time zone, with the zone's offset; a time inside a
    /// daylight-saving gap (which no clock shows) is taken as the first valid time after it.
    /// </summary>
    public static DateTimeOffset At(string timeZone, DateOnly date, TimeOnly time)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
