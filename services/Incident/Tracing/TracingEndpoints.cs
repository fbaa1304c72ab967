using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.Incident.Cases;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Csv;
using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Incident.Tracing;

/// <summary>
/// <c>/api/v1/incidents/{incidentId}/tracing</c>: trace a case's contacts from the hall's own records (asked of
/// occupancy, screening and booking at once), read the stored runs, and export one, masked, as CSV or JSON.
/// </summary>
public static class TracingEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private static readonly string[] CsvHeader =
        ["section", "rank", "person_key", "kind", "id_number_masked", "name_masked", "phone_masked", "identity_unknown", "overlap_minutes", "zones", "lane", "minutes_apart", "booking_id", "slot_starts_at", "slot_ends_at", "never_seen"];

    public static IEndpointRouteBuilder MapTracingEndpoints(this IEndpointRouteBuilder app)
    {
        var tracing = app.MapGroup("/api/v1/incidents/{incidentId:guid}/tracing").WithTags("Contact tracing");
        tracing.MapPost("/", Trace).WithName("TraceContacts")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Trace a case's contacts")
            .WithDescription("No body. From the case's stays in the exposure window (from `tracingDaysBefore` days before the visit to its end: a case notice's last day, or the case's opening), asked of occupancy, screening and booking at once with the caller's token: close contacts (same zone, overlap after widening the case's stays by `tracingBufferMinutes`, ranked by total overlap), same-hall contacts (another zone), entrance contacts (same lane within `entranceWindowMinutes`), staff (in the case's zones, listed apart) and bookings never seen (flagged). Masked identities only. 201 with the stored snapshot; `ContactsTraced` (every person key) is published with it. A source that is down, times out or caps its answer is named in `missingSources`/`truncatedSources` and the run is `partial: true` — never a list that looks complete.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.CaseClosed)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, IncidentProblems.IncidentWithoutPerson, IncidentProblems.NoPresenceInWindow);
        tracing.MapGet("/", List).WithName("ListTracings")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("List a case's tracing runs")
            .WithDescription($"Newest first (ties by `tracingId`, descending); `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown);
        tracing.MapGet("/{tracingId:guid}", Get).WithName("GetTracing")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read a tracing run")
            .WithDescription("The stored snapshot: parameters, `partial` and `missingSources`, and the masked list.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.TracingUnknown);
        tracing.MapGet("/{tracingId:guid}/export", Export).WithName("ExportTracing")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Export a tracing run for the health authority (masked)")
            .WithDescription("Masked always (ID number `310***********1234`, name `张*`): `format=csv` (or `Accept: text/csv`) gives one row per person and section, ranked, after a header row; JSON gives the snapshot. A partial run's CSV file name ends `-partial`; the JSON carries `partial` and `missingSources`.")
            .ProducesCsv()
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.TracingUnknown);
        return app;
    }

    /// <summary>What a tracing handler needs besides the route.</summary>
    public sealed record TracingServices(IncidentDbContext Db, TracingRunner Runner, TimeProvider TimeProvider, ClaimsPrincipal User);

    private static async Task<Results<Created<TracingView>, ProblemHttpResult>> Trace(
        Guid incidentId, [AsParameters] TracingServices services, CancellationToken cancellationToken)
    {
        var (refusal, run) = await services.Runner.RunAsync(services.Db, incidentId, services.User.Subject(), services.TimeProvider, cancellationToken);
        return refusal switch
        {
            TracingRefusal.None => TypedResults.Created($"/api/v1/incidents/{incidentId}/tracing/{run!.TracingId}", TracingView.From(run)),
            TracingRefusal.IncidentUnknown => IncidentEndpoints.IncidentUnknown(incidentId),
            TracingRefusal.Closed => Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.CaseClosed, new Bilingual($"事件“{incidentId}”已结案：不再追踪其密切接触者。", $"Incident '{incidentId}' is closed: its contacts are no longer traced.")),
            TracingRefusal.NoPersonKey => Problem.Of(StatusCodes.Status422UnprocessableEntity, IncidentProblems.IncidentWithoutPerson,
                new Bilingual($"事件“{incidentId}”未关联人员（无筛查标识）：无可追踪对象。", $"Incident '{incidentId}' names no person (no screening key): there is nobody to trace.")),
            TracingRefusal.HallUnknown => Problem.Of(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown, new Bilingual("事件服务中没有该事件所属的办事大厅。", "The case's hall is not known to incident.")),
            _ => Problem.Of(StatusCodes.Status422UnprocessableEntity, IncidentProblems.NoPresenceInWindow,
                new Bilingual(
                    $"各数据源均已答复：事件“{incidentId}”的人员在暴露时段内在该大厅既无停留记录，也无筛查记录。",
                    $"Every source answered, and the person of incident '{incidentId}' has neither a stay nor a screening in the hall in the exposure window.")),
        };
    }

    private static async Task<Results<Ok<TracingPageView>, ProblemHttpResult>> List(
        Guid incidentId, [Range(1, MaxLimit)] int? limit, [StringLength(TimeIdCursor.Length)] string? cursor, IncidentDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        TracingCursor? after = PageQuery.CheckTimeIdCursor(errors, cursor) is { } page ? new TracingCursor(page.At, page.Id) : null;
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Incidents.AnyAsync(c => c.IncidentId == incidentId, cancellationToken))
        {
            return IncidentEndpoints.IncidentUnknown(incidentId);
        }

        var runs = await TracingStore.ListAsync(db, incidentId, limit ?? DefaultLimit, after, cancellationToken);
        return TypedResults.Ok(new TracingPageView([.. runs.Runs.Select(TracingView.From)], runs.NextCursor));
    }

    private static async Task<Results<Ok<TracingView>, ProblemHttpResult>> Get(Guid incidentId, Guid tracingId, IncidentDbContext db, CancellationToken cancellationToken)
    {
        var found = await FindAsync(db, incidentId, tracingId, cancellationToken);
        return found.Run is { } run ? TypedResults.Ok(TracingView.From(run)) : found.Problem!;
    }

    private static async Task<Results<Ok<TracingView>, CsvResult, ProblemHttpResult>> Export(
        Guid incidentId, Guid tracingId, [AllowedValues("json", "csv")] string? format, HttpRequest request, IncidentDbContext db, CancellationToken cancellationToken)
    {
        if (format is not null and not ("json" or "csv"))
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["format"] = ["json or csv."] });
        }

        var found = await FindAsync(db, incidentId, tracingId, cancellationToken);
        if (found.Run is not { } run)
        {
            return found.Problem!;
        }

        if (!request.WantsCsv(format))
        {
            return TypedResults.Ok(TracingView.From(run));
        }

        var name = $"tracing-{run.TracingId}{(run.Partial ? "-partial" : string.Empty)}.csv";
        return new CsvResult(name, CsvHeader, Rows(run.Contacts).ToList());
    }

    private static IEnumerable<object?[]> Rows(TracingList list) =>
        Section("close_contact", list.CloseContacts).Concat(Section("same_hall", list.SameHallContacts)).Concat(Section("entrance", list.EntranceContacts))
            .Concat(Section("staff", list.Staff)).Concat(Section("booked_not_seen", list.BookedNotSeen));

    private static IEnumerable<object?[]> Section(string section, IReadOnlyList<TracedContact> contacts) =>
        contacts.Select((c, i) => new object?[]
        {
            section, i + 1, c.PersonKey, c.Kind, c.Identity?.IdNumberMasked, c.Identity?.NameMasked, c.Identity?.PhoneMasked, c.IdentityUnknown,
            c.OverlapMinutes, string.Join(' ', c.Zones.Select(z => $"{z.ZoneId}:{z.Minutes}")), c.Entrance?.Lane, c.Entrance?.MinutesApart,
            c.Booking?.BookingId, c.Booking?.SlotStartsAt, c.Booking?.SlotEndsAt, c.Booking?.NeverSeen,
        });

    private static async Task<(TracingRun? Run, ProblemHttpResult? Problem)> FindAsync(IncidentDbContext db, Guid incidentId, Guid tracingId, CancellationToken cancellationToken)
    {
        if (await TracingStore.FindAsync(db, incidentId, tracingId, cancellationToken) is { } run)
        {
            return (run, null);
        }

        return await db.Incidents.AnyAsync(c => c.IncidentId == incidentId, cancellationToken)
            ? (null, Problem.Of(StatusCodes.Status404NotFound, IncidentProblems.TracingUnknown, new Bilingual($"事件“{incidentId}”没有追踪“{tracingId}”。", $"Incident '{incidentId}' has no tracing run '{tracingId}'.")))
            : (null, IncidentEndpoints.IncidentUnknown(incidentId));
    }
}
