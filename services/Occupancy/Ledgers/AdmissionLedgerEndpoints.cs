using System.Globalization;
using CivicHall.Occupancy.Halls;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Csv;
using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Occupancy.Ledgers;

/// <summary>
/// <c>GET /api/v1/halls/{hallId}/ledgers/admissions</c>: the hall's admissions register (进出登记台账) for a day — who came
/// to the door, was let in, where they went and when they left — in pages or as one CSV file. Duty leaders and ops.
/// </summary>
public static class AdmissionLedgerEndpoints
{
    public const int DefaultLimit = 50;

    /// <summary>The CSV's header: the Chinese a duty leader reads, the row's JSON field name in brackets for scripts.</summary>
    public static readonly string[] CsvHeader =
    [
        "到达记录号 (admissionId)", "到达时间 (arrivedAt)", "人员类别 (personKind)", "人员标识 (personKey)", "优先群体 (priorityGroup)",
        "状态 (state)", "原因 (reason)", "排队号 (ticket)", "通道 (lane)", "入场时间 (admittedAt)", "离场时间 (exitedAt)", "离场闸机 (exitGate)",
        "所在区域 (zoneId)", "到过的区域 (zones)",
    ];

    public static IEndpointRouteBuilder MapAdmissionLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/halls/{hallId}/ledgers").WithTags("Ledgers")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .MapGet("/admissions", List).WithName("ListAdmissionLedger")
            .WithSummary("The hall's admissions register (进出登记台账) for a day")
            .WithDescription(
                "Every visit that reached the hall's door in the window — the hall's local `date`, narrowed by `from`/`to` (instants), or "
                + "`from` and `to` alone (at most 31 days) — oldest arrival first by (`arrivedAt`, `admissionId`), filtered by `state` "
                + "(`queued`, `inside`, `exited`, `turned_away`), `personKind` and `zoneId` (visits that entered that zone). Each row gives "
                + "the visit's times in and out and every zone it entered. Occupancy holds no personal data: the person is screening's "
                + "keyed `personKey`, which leads to the audited clear reads (README \"Ledgers\"). `format=csv` (or `Accept: text/csv`): "
                + "every row of the window and filters as one file (UTF-8 with BOM, headers `到达时间 (arrivedAt)`), written as it is read.")
            .WithQueryParameter("state", "One state of the visit (`queued`, `inside`, `exited`, `turned_away`); all when absent.", 40)
            .WithQueryParameter("personKind", "One kind of person (`visitor`, `staff`, `courier`, `agent`); all when absent.", 40)
            .WithQueryParameter("zoneId", "Visits that entered this zone; all when absent.", 64)
            .WithQueryParameter("cursor", "The `nextCursor` of the previous page.", 200)
            .WithQueryParameter("format", "`csv` for the whole window as one CSV file; JSON pages otherwise.", 10)
            .ProducesCsv()
            .ProducesProblems(StatusCodes.Status404NotFound, OccupancyProblems.HallUnknown);
        return app;
    }

    private static async Task<Results<Ok<AdmissionLedgerPage>, CsvResult, ProblemHttpResult>> List(
        string hallId, [AsParameters] AdmissionLedgerQuery query, HttpRequest request, OccupancyDbContext db, CancellationToken cancellationToken)
    {
        var errors = AdmissionLedgerValidation.Validate(query, out var state, out var after);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var timeZone = await db.Halls.Where(h => h.Id == hallId).Select(h => h.TimeZone).FirstOrDefaultAsync(cancellationToken);
        if (timeZone is null)
        {
            return OccupancyProblems.UnknownHall(hallId);
        }

        var (from, to) = DayWindow.Resolve(timeZone, query.Date, query.From, query.To);
        var filter = new AdmissionLedgerFilter(hallId, from, to, state, query.PersonKind, query.ZoneId);
        if (request.WantsCsv(query.Format))
        {
            return new CsvResult($"admission-ledger-{hallId}-{DayWindow.FileStamp(query.Date, from)}.csv", CsvHeader, Rows(db, filter, cancellationToken));
        }

        var (rows, next) = await AdmissionLedgerStore.PageAsync(db, filter, after, query.Limit ?? DefaultLimit, cancellationToken);
        return TypedResults.Ok(new AdmissionLedgerPage(hallId, from, to, rows, next));
    }

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(
        OccupancyDbContext db, AdmissionLedgerFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in AdmissionLedgerStore.AllAsync(db, filter).WithCancellation(cancellationToken))
        {
            yield return
            [
                r.AdmissionId, r.ArrivedAt, r.PersonKind, r.PersonKey, r.PriorityGroup, r.State, r.Reason, r.Ticket, r.Lane, r.AdmittedAt,
                r.ExitedAt, r.ExitGate, r.ZoneId, string.Join(' ', r.Zones.Select(Visit)),
            ];
        }
    }

    /// <summary>A zone stay in one CSV field: <c>floor-1@2026-12-01T01:02:03Z/2026-12-01T01:30:00Z</c> (no end: still there).</summary>
    private static string Visit(AdmissionZoneVisit v) =>
        string.Create(CultureInfo.InvariantCulture, $"{v.ZoneId}@{v.EnteredAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}/{v.LeftAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
}
