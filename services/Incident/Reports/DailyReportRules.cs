using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Contracts.Screening.V1;

namespace CivicHall.Incident.Reports;

/// <summary>The pure rules of a daily report: a source's summary as its section, and when a day is a zero report (零报告).</summary>
public static class DailyReportRules
{
    public static DailyIncidentFigures NoIncidents { get; } = new(0, new Dictionary<string, int>(StringComparer.Ordinal), 0, 0);

    /// <summary>
    /// Nothing abnormal: every source in, no isolation, no denial for a health reason, no case opened, no
    /// escalation, no disinfection missed or late. A report missing a source is never a zero report (it cannot tell).
    /// </summary>
    public static bool IsZeroReport(DailyReportFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures is { Screening: { } s, Occupancy: not null, Booking: not null, Sanitation: { } d }
            && s.Isolate == 0 && s.DeniedForHealth == 0
            && figures.Incidents.Opened == 0 && figures.Incidents.Escalated == 0
            && d.Missed == 0 && d.Late == 0;
    }

    public static DailyScreeningFigures Section(ScreeningDayClosed day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var t = day.Totals;
        return new(t.Screenings, t.Admit, t.Deny, t.Retest, t.ManualCheck, t.Isolate, t.DeniedForHealth,
            day.Rules.OrderBy(r => r.Rule, StringComparer.Ordinal).ToDictionary(r => r.Rule, r => r.Screenings, StringComparer.Ordinal));
    }

    public static DailyOccupancyFigures Section(OccupancyDayClosed day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return new(day.Admissions, day.TurnedAway, day.Exits, day.PeakInside, day.PeakInsideAt, day.PeakQueue, day.PeakQueueAt);
    }

    public static DailyBookingFigures Section(BookingDayClosed day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var t = day.Totals;
        return new(t.Booked, t.Served, t.NoShow, t.Cancelled,
            day.Channels.OrderBy(c => c.Channel, StringComparer.Ordinal).ToDictionary(c => c.Channel, c => c.Bookings.Booked, StringComparer.Ordinal));
    }

    public static DailySanitationFigures Section(SanitationDayClosed day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var t = day.Totals;
        return new(t.Planned, t.DoneOnTime, t.Late, t.Missed, t.Open, [.. day.SuppliesLow], day.WasteBagsOpen);
    }

    /// <summary>When a pending report is published with the sources still missing: the hall's local 02:00 after the day, by default.</summary>
    public static DateTimeOffset Deadline(string timeZone, DateOnly date, TimeSpan afterDayEnd) =>
        HallTime.At(timeZone, date.AddDays(1), TimeOnly.MinValue).ToUniversalTime() + afterDayEnd;

    /// <summary>The instants [start, end) of a hall's local date.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Day(string timeZone, DateOnly date) =>
        (HallTime.At(timeZone, date, TimeOnly.MinValue).ToUniversalTime(), HallTime.At(timeZone, date.AddDays(1), TimeOnly.MinValue).ToUniversalTime());
}
