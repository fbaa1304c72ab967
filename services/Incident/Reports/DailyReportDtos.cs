using CivicHall.Contracts.Incidents.V1;

namespace CivicHall.Incident.Reports;

/// <summary>
/// A hall's daily report for a date. <c>status</c>: <c>ready</c> once published (<c>revision</c> 1, 2… when
/// corrected), <c>pending</c> while the sources' day summaries are still coming in (<c>sourcesIn</c> so far; the
/// incident section then counted live for one hall, left out of the city-wide view).
/// </summary>
public sealed record DailyReportView(
    string HallId,
    string? HallName,
    DateOnly Date,
    string TimeZone,
    string Status,
    int Revision,
    bool Corrected,
    DateTimeOffset? CorrectedAt,
    IReadOnlyList<string> ChangedSections,
    bool ZeroReport,
    IReadOnlyList<string> SourcesIn,
    IReadOnlyList<string> MissingSources,
    DailyReportSections Figures,
    DateTimeOffset? PublishedAt)
{
    public const string Ready = "ready";
    public const string Pending = "pending";

    public static DailyReportView From(string hallId, string? hallName, string timeZone, DateOnly date, DailyReport? report, DailyIncidentFigures? liveIncidents)
    {
        if (report is null || !report.IsPublished)
        {
            var sources = report?.SourcesIn ?? [];
            return new(hallId, hallName, date, report?.TimeZone ?? timeZone, Pending, 0, false, null, [], false, sources,
                [.. ReportSources.All.Except(sources, StringComparer.Ordinal)],
                new(report?.Screening, report?.Occupancy, report?.Booking, report?.Sanitation, liveIncidents), null);
        }

        return new(hallId, hallName, date, report.TimeZone, Ready, report.Revision, report.Revision > 1, report.CorrectedAt, report.ChangedSections,
            report.ZeroReport, report.SourcesIn, report.MissingSources,
            new(report.Screening, report.Occupancy, report.Booking, report.Sanitation, report.Incidents), report.PublishedAt);
    }
}

/// <summary>The report's sections; null while the source has not closed the day (incident's: pending in the city-wide view).</summary>
public sealed record DailyReportSections(
    DailyScreeningFigures? Screening,
    DailyOccupancyFigures? Occupancy,
    DailyBookingFigures? Booking,
    DailySanitationFigures? Sanitation,
    DailyIncidentFigures? Incidents);

/// <summary>Every known hall's report for a date (a page of halls by <c>hallId</c>) and the city's totals over all of them.</summary>
public sealed record CityDailyReportView(DateOnly Date, CityDailyTotals Totals, IReadOnlyList<DailyReportView> Halls, string? NextCursor);

/// <summary>
/// Sums over every known hall's report for the date (not only the page): halls, ready, pending, zero reports and
/// corrected ones; screenings, isolations and health denials; admissions and people turned away; bookings, served
/// and no-shows; cases opened, escalations and cases closed; disinfections missed and late; medical-waste bags open.
/// </summary>
public sealed record CityDailyTotals(
    int Halls, int Ready, int Pending, int ZeroReports, int Corrected,
    int Screenings, int Isolate, int DeniedForHealth,
    int Admissions, int TurnedAway,
    int Booked, int Served, int NoShow,
    int IncidentsOpened, int Escalated, int IncidentsClosed,
    int DisinfectionMissed, int DisinfectionLate, int WasteBagsOpen)
{
    public static CityDailyTotals Of(int halls, IReadOnlyCollection<DailyReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var ready = reports.Where(r => r.IsPublished).ToList();
        return new(
            halls, ready.Count, halls - ready.Count, ready.Count(r => r.ZeroReport), ready.Count(r => r.Revision > 1),
            reports.Sum(r => r.Screening?.Screenings ?? 0), reports.Sum(r => r.Screening?.Isolate ?? 0), reports.Sum(r => r.Screening?.DeniedForHealth ?? 0),
            reports.Sum(r => r.Occupancy?.Admissions ?? 0), reports.Sum(r => r.Occupancy?.TurnedAway ?? 0),
            reports.Sum(r => r.Booking?.Booked ?? 0), reports.Sum(r => r.Booking?.Served ?? 0), reports.Sum(r => r.Booking?.NoShow ?? 0),
            ready.Sum(r => r.Incidents?.Opened ?? 0), ready.Sum(r => r.Incidents?.Escalated ?? 0), ready.Sum(r => r.Incidents?.Closed ?? 0),
            reports.Sum(r => r.Sanitation?.Missed ?? 0), reports.Sum(r => r.Sanitation?.Late ?? 0), reports.Sum(r => r.Sanitation?.WasteBagsOpen ?? 0));
    }
}
