namespace CivicHall.ServiceDefaults.Paging;

/// <summary>
/// The instants a hall's ledger (登记台账) reads: a local <c>date</c> of the hall, optionally narrowed by <c>from</c>
/// and <c>to</c> (instants) within it, or <c>from</c> and <c>to</c> alone (at most <see cref="MaxDays"/> days apart).
/// The same checks and messages for the screening, booking and occupancy ledgers.
/// </summary>
public static class DayWindow
{
    public const int MaxDays = 31;

    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>Adds an answer for each field that makes no window (a date out of range, from after to, neither date nor both instants).</summary>
    public static void Check(Dictionary<string, string[]> errors, DateOnly? date, DateTimeOffset? from, DateTimeOffset? to)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (date is { } day && (day < Earliest || day > Latest))
        {
            errors["date"] = ["A date from 2000-01-01 to 2100-12-31 (the hall's local day, yyyy-MM-dd)."];
        }

        if (date is null && (from is null || to is null))
        {
            errors[date is null && from is null && to is null ? "date" : from is null ? "from" : "to"] =
                ["Either date (the hall's local day, yyyy-MM-dd) or both from and to (instants)."];
            return;
        }

        if (from is { } f && to is { } t)
        {
            if (t <= f)
            {
                errors["to"] = ["After from."];
            }
            else if (date is null && t - f > TimeSpan.FromDays(MaxDays))
            {
                errors["to"] = [$"At most {MaxDays} days after from."];
            }
        }
    }

    /// <summary>The UTC instants [start, end) of a checked window in the hall's time zone; empty when from/to fall outside the date.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Resolve(string timeZone, DateOnly? date, DateTimeOffset? from, DateTimeOffset? to)
    {
        var start = DateTimeOffset.MinValue;
        var end = DateTimeOffset.MaxValue;
        if (date is { } day)
        {
            start = HallTime.At(timeZone, day, TimeOnly.MinValue).ToUniversalTime();
            end = HallTime.At(timeZone, day.AddDays(1), TimeOnly.MinValue).ToUniversalTime();
        }

        if (from is { } f && f.ToUniversalTime() > start)
        {
            start = f.ToUniversalTime();
        }

        if (to is { } t && t.ToUniversalTime() < end)
        {
            end = t.ToUniversalTime();
        }

        return end < start ? (start, start) : (start, end);
    }

    /// <summary>
    /// What a ledger's CSV file is named after: the local <c>date</c> (<c>2026-06-10</c>) when one was asked for, else the
    /// window's first instant in UTC (<c>20260610T0100</c>).
    /// </summary>
    public static string FileStamp(DateOnly? date, DateTimeOffset start) =>
        date is { } day
            ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : start.ToUniversalTime().ToString("yyyyMMdd'T'HHmm", System.Globalization.CultureInfo.InvariantCulture);
}
