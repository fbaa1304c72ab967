using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Csv;
using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Screening.Ledgers;

/// <summary>
/// <c>GET /api/v1/halls/{hallId}/ledgers/screenings</c>: the hall's screening register (登记台账) for a day, masked, in
/// pages or as one CSV file. Duty leaders and ops.
/// </summary>
public static class ScreeningLedgerEndpoints
{
    public const int DefaultLimit = 50;

    /// <summary>The CSV's header: the Chinese a duty leader reads, the row's JSON field name in brackets for scripts.</summary>
    public static readonly string[] CsvHeader =
    [
        "核验记录号 (screeningId)", "核验时间 (takenAt)", "人员类别 (personKind)", "人员标识 (personKey)", "证件号码 (idNumberMasked)",
        "姓名 (nameMasked)", "已登记地址 (addressGiven)", "已登记电话 (phoneGiven)", "体温 (temperatureC)", "健康码 (healthCode)",
        "核酸结果 (testResult)", "核酸时间 (testAt)", "抗原结果 (antigenResult)", "结论 (outcome)", "规则 (rules)", "措施 (measures)",
        "通道 (lane)", "设备 (deviceId)", "核验人 (recordedBy)", "复测自 (retestOf)",
    ];

    public static IEndpointRouteBuilder MapScreeningLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/halls/{hallId}/ledgers").WithTags("Ledgers")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .MapGet("/screenings", List).WithName("ListScreeningLedger")
            .WithSummary("The hall's screening register (登记台账) for a day, masked")
            .WithDescription(
                "Every reading of the hall in the window — the hall's local `date`, narrowed by `from`/`to` (instants), or `from` and `to` "
                + "alone (at most 31 days) — oldest first by (`takenAt`, `screeningId`), filtered by `outcome`, `personKind` and `lane`. "
                + "Masked always: the ID number `310***********1234`, the name `张*`; address and phone are kept encrypted only and shown as "
                + "`addressGiven`/`phoneGiven`. `screeningId` and `personKey` lead to the audited clear reads (README \"Ledgers\"). "
                + "`format=csv` (or `Accept: text/csv`): every row of the window and filters as one file (UTF-8 with BOM, headers "
                + "`核验时间 (takenAt)`), written as it is read.")
            .WithQueryParameter("outcome", "One outcome (`admit`, `manual_check`, `deny`, `retest`, `isolate`); all when absent.", 40)
            .WithQueryParameter("personKind", "One kind of person (`visitor`, `staff`, `courier`, `agent`); all when absent.", 40)
            .WithQueryParameter("lane", "One entrance lane; all when absent.", 64)
            .WithQueryParameter("cursor", "The `nextCursor` of the previous page.", 200)
            .WithQueryParameter("format", "`csv` for the whole window as one CSV file; JSON pages otherwise.", 10)
            .ProducesCsv()
            .ProducesProblems(StatusCodes.Status404NotFound, ScreeningProblems.HallUnknown);
        return app;
    }

    private static async Task<Results<Ok<ScreeningLedgerPage>, CsvResult, ProblemHttpResult>> List(
        string hallId, [AsParameters] ScreeningLedgerQuery query, HttpRequest request, ScreeningDbContext db, CancellationToken cancellationToken)
    {
        var errors = ScreeningLedgerValidation.Validate(query, out var after);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var timeZone = await db.Halls.Where(h => h.HallId == hallId).Select(h => h.TimeZone).FirstOrDefaultAsync(cancellationToken);
        if (timeZone is null)
        {
            return ScreeningProblems.UnknownHall(hallId);
        }

        var (from, to) = DayWindow.Resolve(timeZone, query.Date, query.From, query.To);
        var filter = new ScreeningLedgerFilter(hallId, from, to, query.Outcome, query.PersonKind, query.Lane);
        if (request.WantsCsv(query.Format))
        {
            return new CsvResult($"screening-ledger-{hallId}-{DayWindow.FileStamp(query.Date, from)}.csv", CsvHeader, Rows(db, filter, cancellationToken));
        }

        var (rows, next) = await ScreeningLedgerStore.PageAsync(db, filter, after, query.Limit ?? DefaultLimit, cancellationToken);
        return TypedResults.Ok(new ScreeningLedgerPage(hallId, from, to, rows, next));
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(
        ScreeningDbContext db, ScreeningLedgerFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in ScreeningLedgerStore.AllAsync(db, filter, cancellationToken))
        {
            yield return
            [
                r.ScreeningId, r.TakenAt, r.PersonKind, r.PersonKey, r.IdNumberMasked, r.NameMasked, r.AddressGiven, r.PhoneGiven, r.TemperatureC,
                r.HealthCode, r.TestResult, r.TestAt, r.AntigenResult, r.Outcome, string.Join(' ', r.Rules), string.Join(' ', r.Measures), r.Lane,
                r.DeviceId, r.RecordedBy, r.RetestOf,
            ];
        }
    }
}
