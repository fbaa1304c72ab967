using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.Incident.Policies;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Incident.Cases;

/// <summary><c>/api/v1/incidents</c>: cases opened by hand or from an abnormal reading, read one with its timeline, or list a hall's.</summary>
public static class IncidentEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/v1/incidents").WithTags("Incidents");
        incidents.MapPost("/", Open).WithName("OpenIncident")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.DutyLeader))
            .WithSummary("Open a case by hand")
            .WithDescription("A case (201, state `opened`) of `kind` `abnormal_screening`, `refusal` or `staff_symptoms` in a hall, optionally in `zoneId` (a zone of the hall), with a `summary`; who and when are the token's subject and now. A `refusal` (经劝阻仍不配合) escalates at once to the duty leader (`IncidentEscalated`, deadline `refusal`), in the same transaction. A case of an abnormal reading opens by itself from screening's `AbnormalPersonDetected`, once per reading. Idempotent by the client's `incidentId`: the same id and body again answer 200 with `Idempotent-Replayed: true`; another body is 409 `incident_id_reused`.")
            .WithRequestExample("""{"incidentId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f90", "hallId": "qingpu", "kind": "refusal", "zoneId": "queue", "summary": "排队区一名群众拒绝测温，经劝阻仍不配合"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: opened before under this `incidentId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown, IncidentProblems.ZoneUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.IncidentIdReused);
        IncidentStepEndpoints.Map(incidents);
        incidents.MapGet("/{incidentId:guid}", Get).WithName("GetIncident")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read a case and its timeline")
            .WithDescription("The case's kind, state, the steps it may take next (`allowedNextSteps`, empty once closed), the person by screening's key (never an ID number) and its timeline: each step, when, by whom, with its details.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown);
        incidents.MapGet("/", List).WithName("ListIncidents")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.DutyLeader, Roles.Ops))
            .WithSummary("List a hall's cases")
            .WithDescription($"A hall's cases (`hallId`, required), newest opened first (ties by `incidentId`, descending), optionally in one `state`; `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown);
        return app;
    }

    /// <summary>What an incident handler needs besides the request.</summary>
    public sealed record IncidentServices(IncidentDbContext Db, TimeProvider TimeProvider, ClaimsPrincipal User, HttpResponse Response);

    private static async Task<Results<Created<IncidentView>, Ok<IncidentView>, ProblemHttpResult>> Open(
        OpenIncidentRequest? request, [AsParameters] IncidentServices services, CancellationToken cancellationToken)
    {
        var errors = IncidentValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var db = services.Db;
        var incidentId = request!.IncidentId!.Value;
        var fingerprint = IncidentValidation.Fingerprint(request);
        if (await ReplayAsync(db, incidentId, fingerprint, services.Response, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (await db.Halls.FindKnownAsync(request.HallId!, cancellationToken) is not { } hall)
        {
            return HallUnknown(request.HallId!);
        }

        if (request.ZoneId is { } zoneId && hall.Zones.All(z => z.ZoneId != zoneId))
        {
            return ZoneUnknown(hall.HallId, zoneId);
        }

        var now = services.TimeProvider.GetUtcNow();
        var summary = request.Summary!.Trim();
        var incident = IncidentCase.Open(incidentId, hall.HallId, EnumText.Parse<IncidentKind>(request.Kind!), services.User.Subject(), now,
            zoneId: request.ZoneId, summary: summary, fingerprint: fingerprint);
        IncidentStore.AddOpened(db, incident, new IncidentStepDetails { ZoneId = request.ZoneId, Summary = summary }, services.TimeProvider);
        if (incident.Kind == IncidentKind.Refusal)
        {
            // 经劝阻仍不配合: the duty leader is told at once, with the case (one transaction).
            var policy = await IncidentPolicies.InForceAsync(db, hall.HallId, now, cancellationToken);
            IncidentStore.AddEscalation(db, incident, EscalationDeadlines.Refusal, EscalationLevels.DutyLeader, now, policy.Version, now, services.TimeProvider);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same incidentId opened twice at once: the one stored answers the other.
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, incidentId, fingerprint, services.Response, cancellationToken)
                ?? IncidentProblems.StoredMeanwhile("该事件", "The case");
        }

        return TypedResults.Created($"/api/v1/incidents/{incidentId}", await IncidentStore.ViewAsync(db, incident, cancellationToken));
    }

    /// <summary>A case opened before under this id: 200 and <c>Idempotent-Replayed</c> with the same body, 409 with another.</summary>
    internal static async Task<Results<Created<IncidentView>, Ok<IncidentView>, ProblemHttpResult>?> ReplayAsync(
        IncidentDbContext db, Guid incidentId, string fingerprint, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await IncidentStore.FindAsync(db, incidentId, cancellationToken) is not { } stored)
        {
            return null;
        }

        if (stored.Fingerprint != fingerprint)
        {
            return Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.IncidentIdReused, new Bilingual($"事件编号“{incidentId}”已用于另一次登记。", $"Incident '{incidentId}' was opened with another body."));
        }

        response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(await IncidentStore.ViewAsync(db, stored, cancellationToken));
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Get(Guid incidentId, IncidentDbContext db, CancellationToken cancellationToken) =>
        await IncidentStore.FindViewAsync(db, incidentId, cancellationToken) is { } incident
            ? TypedResults.Ok(incident)
            : IncidentUnknown(incidentId);

    private static async Task<Results<Ok<IncidentList>, ProblemHttpResult>> List(
        [Required, Identifier] string? hallId,
        [AllowedValues(IncidentStates.Opened, IncidentStates.Isolated, IncidentStates.Reported, IncidentStates.Transferred, IncidentStates.Closed)] string? state,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(IncidentCursor.Length)] string? cursor,
        IncidentDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Identifier.IsValid(hallId))
        {
            errors["hallId"] = ["Required: the hall whose cases to list. " + Identifier.Rule];
        }

        if (state is not null && !IncidentStates.All.Contains(state))
        {
            errors["state"] = [$"One of {string.Join(", ", IncidentStates.All)}."];
        }

        PageQuery.CheckLimit(errors, limit, MaxLimit);
        IncidentCursor? after = PageQuery.CheckTimeIdCursor(errors, cursor) is { } page ? new IncidentCursor(page.At, page.Id) : null;

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.IsKnownAsync(hallId!, cancellationToken))
        {
            return HallUnknown(hallId!);
        }

        var query = new IncidentQuery(hallId!, state is null ? null : EnumText.Parse<IncidentState>(state), limit ?? DefaultLimit, after);
        return TypedResults.Ok(await IncidentStore.ListAsync(db, query, cancellationToken));
    }

    internal static ProblemHttpResult HallUnknown(string hallId) => IncidentProblems.UnknownHall(hallId);

    internal static ProblemHttpResult ZoneUnknown(string hallId, string zoneId) => IncidentProblems.UnknownZone(hallId, zoneId);

    internal static ProblemHttpResult IncidentUnknown(Guid incidentId) => IncidentProblems.UnknownIncident(incidentId);
}
