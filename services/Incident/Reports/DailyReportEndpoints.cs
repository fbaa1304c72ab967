using System.ComponentModel.DataAnnotations;
using System.Text;
using CivicHall.Incident.Cases;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Csv;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Incident.Reports;

/// <summary><c>GET /api/v1/reports/daily</c>: one hall's daily report (日报告), or every hall's with the city's totals; JSON or CSV.</summary>
public static class DailyReportEndpoints
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    private static readonly string[] CsvHeader =
    [
        "hall_id", "date", "status", "revision", "corrected", "zero_report", "missing_sources",
        "screenings", "admit", "deny", "retest", "manual_check", "isolate", "denied_for_health",
        "admissions", "turned_away", "exits", "peak_inside", "peak_inside_at", "peak_queue", "peak_queue_at",
        "booked", "served", "no_show", "cancelled",
        "incidents_opened", "escalated", "incidents_closed",
        "disinfection_planned", "disinfection_on_time", "disinfection_late", "disinfection_missed", "supplies_low", "waste_bags_open",
    ];

    public static IEndpointRouteBuilder MapDailyReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/daily", Get).WithName("GetDailyReport").WithTags("Daily report")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read the daily report (日报告) of a hall, or of every hall")
            .WithDescription(
                "For `date` (the halls' local date, required): with `hallId`, that hall's report; without, every known hall's (a page by `hallId`: " +
                $"`limit` 1–{MaxLimit}, {DefaultLimit}, and the previous page's `nextCursor`) with the city's totals over all of them. A report is built " +
                "from the day summaries screening, occupancy, booking and sanitation publish once the hall's local day is over (counts only, no person) " +
                "and incident's own cases of the day; `ready` once all four are in or at the deadline (local 02:00 after the day) with `missingSources`, " +
                "`pending` with `sourcesIn` before. A late summary or a source's recount corrects it: `revision` 2…, `corrected`, `correctedAt`, " +
                "`changedSections`. `zeroReport` (零报告): nothing abnormal — no isolation, no denial for a health reason, no case opened or escalated, " +
                "no disinfection missed or late. `format=csv` (or `Accept: text/csv`) gives one row per hall (and a last row `total` in the city-wide view).")
            .ProducesCsv()
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown);
        return app;
    }

    private static async Task<Results<Ok<DailyReportView>, Ok<CityDailyReportView>, CsvResult, ProblemHttpResult>> Get(
        [Required] DateOnly? date,
        [Identifier] string? hallId,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(256)] string? cursor,
        [AllowedValues("json", "csv")] string? format,
        HttpRequest request,
        IncidentDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (date is not { } day)
        {
            errors["date"] = ["Required: the halls' local date (yyyy-MM-dd)."];
        }
        else if (day.Year is < 2000 or > 2100)
        {
            errors["date"] = ["A date from 2000 to 2100."];
        }

        if (hallId is not null && !Identifier.IsValid(hallId))
        {
            errors["hallId"] = [Identifier.Rule];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"From 1 to {MaxLimit}."];
        }

        string? after = null;
        if (cursor is not null && !TryReadCursor(cursor, out after))
        {
            errors["cursor"] = ["Not a cursor this list gave."];
        }

        CsvNegotiation.CheckFormat(errors, format);

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var csv = request.WantsCsv(format);
        if (hallId is not null)
        {
            if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } hall)
            {
                return IncidentEndpoints.HallUnknown(hallId);
            }

            var report = await db.DailyReports.AsNoTracking().SingleOrDefaultAsync(r => r.HallId == hallId && r.LocalDate == date!.Value, cancellationToken);
            var live = report is { IsPublished: true } ? null : await DailyReportStore.IncidentFiguresAsync(db, hallId, hall.TimeZone, date!.Value, cancellationToken);
            var view = DailyReportView.From(hall.HallId, hall.Name, hall.TimeZone, date!.Value, report, live);
            return csv ? new CsvResult($"daily-report-{hallId}-{date:yyyy-MM-dd}.csv", CsvHeader, [Row(view)]) : TypedResults.Ok(view);
        }

        var city = await DailyReportStore.CityAsync(db, date!.Value, limit ?? DefaultLimit, after, cancellationToken);
        return csv
            ? new CsvResult($"daily-report-{date:yyyy-MM-dd}.csv", CsvHeader, [.. city.Halls.Select(Row), TotalRow(city)])
            : TypedResults.Ok(city);
    }

    internal static string WriteCursor(string hallId) => Convert.ToBase64String(Encoding.UTF8.GetBytes(hallId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryReadCursor(string cursor, out string? hallId)
    {
        hallId = null;
        var text = cursor.Replace('-', '+').Replace('_', '/');
        text += new string('=', (4 - (text.Length % 4)) % 4);
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(bytes, 0, written);
        if (!Identifier.IsValid(decoded))
        {
            return false;
        }

        hallId = decoded;
        return true;
    }

    private static object?[] Row(DailyReportView v)
    {
        var f = v.Figures;
        return
        [
            v.HallId, v.Date, v.Status, v.Revision, v.Corrected, v.ZeroReport, string.Join(' ', v.MissingSources),
            f.Screening?.Screenings, f.Screening?.Admit, f.Screening?.Deny, f.Screening?.Retest, f.Screening?.ManualCheck, f.Screening?.Isolate, f.Screening?.DeniedForHealth,
            f.Occupancy?.Admissions, f.Occupancy?.TurnedAway, f.Occupancy?.Exits, f.Occupancy?.PeakInside, f.Occupancy?.PeakInsideAt, f.Occupancy?.PeakQueue, f.Occupancy?.PeakQueueAt,
            f.Booking?.Booked, f.Booking?.Served, f.Booking?.NoShow, f.Booking?.Cancelled,
            f.Incidents?.Opened, f.Incidents?.Escalated, f.Incidents?.Closed,
            f.Sanitation?.Planned, f.Sanitation?.DoneOnTime, f.Sanitation?.Late, f.Sanitation?.Missed,
            f.Sanitation is null ? null : string.Join(' ', f.Sanitation.SuppliesLow), f.Sanitation?.WasteBagsOpen,
        ];
    }

    private static object?[] TotalRow(CityDailyReportView city)
    {
        var t = city.Totals;
        return
        [
            "total", city.Date, $"{t.Ready} ready, {t.Pending} pending", null, t.Corrected, t.ZeroReports, null,
            t.Screenings, null, null, null, null, t.Isolate, t.DeniedForHealth,
            t.Admissions, t.TurnedAway, null, null, null, null, null,
            t.Booked, t.Served, t.NoShow, null,
            t.IncidentsOpened, t.Escalated, t.IncidentsClosed,
            null, null, t.DisinfectionLate, t.DisinfectionMissed, null, t.WasteBagsOpen,
        ];
    }
}
