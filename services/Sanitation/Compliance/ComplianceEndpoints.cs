using System.ComponentModel.DataAnnotations;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Csv;

namespace CivicHall.Sanitation.Compliance;

/// <summary><c>GET /api/v1/halls/{hallId}/sanitation/compliance</c>: a hall-day's disinfection compliance, as JSON or CSV.</summary>
public static class ComplianceEndpoints
{
    private static readonly string[] CsvHeader =
    [
        "hall_id", "date", "zone_kind", "planned", "done_on_time", "late", "missed", "open", "skipped", "on_time_rate",
        "ventilation_minutes", "ventilation_planned_minutes", "supplies_low", "waste_bags_open", "closed_at",
    ];

    public static IEndpointRouteBuilder MapComplianceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/halls/{hallId}/sanitation/compliance", GetCompliance).WithName("GetSanitationCompliance").WithTags("Sanitation compliance")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read a hall-day's disinfection compliance")
            .WithDescription(
                "For `date` (the hall's local date; today when omitted), per zone kind and in total: tasks planned (all but skipped), done on time, late, " +
                "missed (never recorded and the window plus the plan's grace over, whether or not the overdue sweep has marked them yet), open, skipped, " +
                "the on-time rate, and minutes of airing recorded against those planned; the supply items low now and the medical-waste bags not yet " +
                "handed over. `closedAt` once the day was closed and `SanitationDayClosed` published (the figures stay live: a late record still counts). " +
                "`format=csv` (or `Accept: text/csv`) gives one row per zone kind and a last row `total` with the hall's supplies and bags.")
            .ProducesCsv()
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown);
        return app;
    }

    private static async Task<Results<Ok<ComplianceView>, CsvResult, ProblemHttpResult>> GetCompliance(
        string hallId,
        DateOnly? date,
        [AllowedValues("json", "csv")] string? format,
        HttpRequest request,
        SanitationDbContext db,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        SanitationHall.CheckDate(errors, date);

        CsvNegotiation.CheckFormat(errors, format);

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } hall)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var now = timeProvider.GetUtcNow();
        var day = date ?? HallTime.LocalDate(hall.TimeZone, now);
        var closedAt = await db.ClosedDays.AsNoTracking().Where(c => c.HallId == hallId && c.LocalDate == day)
            .Select(c => (DateTimeOffset?)c.ClosedAt).SingleOrDefaultAsync(cancellationToken);
        var view = await ComplianceStore.ComputeAsync(db, hall, day, now, closedAt, cancellationToken);
        if (!request.WantsCsv(format))
        {
            return TypedResults.Ok(view);
        }

        var rows = view.ZoneKinds.Select(k => Row(view, k.ZoneKind, k.Tasks, hallTotals: false))
            .Append(Row(view, "total", view.Totals, hallTotals: true));
        return new CsvResult($"sanitation-compliance-{hallId}-{day:yyyy-MM-dd}.csv", CsvHeader, rows.ToList());
    }

    private static object?[] Row(ComplianceView view, string zoneKind, TaskFigures f, bool hallTotals) =>
    [
        view.HallId, view.Date, zoneKind, f.Planned, f.DoneOnTime, f.Late, f.Missed, f.Open, f.Skipped, f.OnTimeRate,
        f.VentilationMinutes, f.VentilationPlannedMinutes,
        hallTotals ? string.Join(' ', view.SuppliesLow) : null, hallTotals ? view.WasteBagsOpen : null, view.ClosedAt,
    ];
}
