using System.Security.Claims;
using CivicHall.Contracts.Halls.V1;
using CivicHall.Incident.Cases;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Incident.Containment;

/// <summary>
/// <c>/api/v1/halls/{hallId}/containment</c> (seed 003): a duty leader closes a zone at once, or requests a suspension
/// or resumption of on-site service that a second person with the <c>ops</c> role approves
/// (<see cref="ContainmentDecisionEndpoints"/>); each action with its participants' acknowledgements
/// (<see cref="ContainmentReadEndpoints"/>).
/// </summary>
public static class ContainmentEndpoints
{
    private const string Idempotent = "Idempotent by the client's `containmentId`: the same id and body again answer 200 with `Idempotent-Replayed: true`; another body or hall is 409 `containment_id_reused`.";

    public static IEndpointRouteBuilder MapContainmentEndpoints(this IEndpointRouteBuilder app)
    {
        var containment = app.MapGroup("/api/v1/halls/{hallId}/containment").WithTags("Containment");
        containment.MapPost("/zone-closures", CloseZone).WithName("OrderZoneClosure")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Close a zone (污染单个区域)")
            .WithDescription("Closes `zoneId` at once (201, `ordered`): `ZoneClosureOrdered` to occupancy (closes it, lists its people), sanitation (terminal disinfection) and booking (moves or cancels its bookings), each expected to acknowledge. It stays `ordered` until the zone's `ZoneSanitized` (`sanitized`) or an override reopening in occupancy (`reopened`); a zone with such a closure is 409 `zone_already_closed`. Not the hall's isolation zone (422 `zone_not_closable`); `incidentId`, when given, a case of the hall. " + Idempotent)
            .WithRequestExample("""{"containmentId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f91", "zoneId": "floor-1", "incidentId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f90", "reason": "确诊病例曾到访一楼服务区"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: ordered before under this `containmentId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown, IncidentProblems.ZoneUnknown, IncidentProblems.IncidentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.ZoneAlreadyClosed, IncidentProblems.ContainmentIdReused)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, IncidentProblems.ZoneNotClosable, IncidentProblems.IncidentNotInHall);
        containment.MapPost("/suspensions", Suspend).WithName("RequestSuspension")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Request a suspension of on-site service (暂停现场服务)")
            .WithDescription("A leadership decision reported to the county government: the request (201, `requested`) changes nothing until a second person with the `ops` role approves it (`…/{containmentId}/approval`). One suspension requested or in force per hall (409 `suspension_active`). " + Idempotent)
            .WithRequestExample("""{"containmentId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f92", "reason": "大厅内发现确诊病例，经领导小组决定暂停现场服务"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: requested before under this `containmentId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown, IncidentProblems.IncidentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.SuspensionActive, IncidentProblems.ContainmentIdReused)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, IncidentProblems.IncidentNotInHall);
        containment.MapPost("/resumptions", Resume).WithName("RequestResumption")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Request the resumption of on-site service")
            .WithDescription("Ends `suspensionId`, the hall's approved suspension (else 409 `not_suspended`), once approved by a second person with the `ops` role. Refused (409 `zones_not_sanitized`, with `zones`) while any zone closed in the hall is not yet sanitized, here and on approval, unless the request carries an `override` with its reason (recorded with who and when, shown on the action). One pending resumption per suspension (409 `resumption_pending`). " + Idempotent)
            .WithRequestExample("""{"containmentId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f93", "suspensionId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f92", "reason": "终末消毒完成，经县政府同意恢复现场服务"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: requested before under this `containmentId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.NotSuspended, IncidentProblems.ResumptionPending, IncidentProblems.ZonesNotSanitized, IncidentProblems.ContainmentIdReused);
        ContainmentDecisionEndpoints.Map(containment);
        ContainmentReadEndpoints.Map(containment);
        return app;
    }

    /// <summary>What a containment handler needs besides the request.</summary>
    public sealed record ContainmentServices(IncidentDbContext Db, TimeProvider TimeProvider, ClaimsPrincipal User, HttpResponse Response);

    private static async Task<Results<Created<ContainmentView>, Ok<ContainmentView>, ProblemHttpResult>> CloseZone(
        string hallId, ZoneClosureRequest? request, [AsParameters] ContainmentServices services, CancellationToken cancellationToken)
    {
        var errors = ContainmentValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var reason = request!.Reason!.Trim();
        var action = New(hallId, ContainmentKind.ZoneClosure, request.ContainmentId!.Value, request.IncidentId, reason, services,
            ContainmentValidation.Fingerprint(hallId, ContainmentKind.ZoneClosure, request.ZoneId, request.IncidentId?.ToString(), reason), ContainmentState.Ordered, request.ZoneId);
        return await CreateAsync(action, services, async hall =>
        {
            if (hall.Zones.FirstOrDefault(z => z.ZoneId == request.ZoneId) is not { } zone)
            {
                return IncidentEndpoints.ZoneUnknown(hallId, request.ZoneId!);
            }

            return zone.Kind == ZoneKinds.Isolation
                ? Problem.Of(StatusCodes.Status422UnprocessableEntity, IncidentProblems.ZoneNotClosable, new Bilingual($"区域“{zone.ZoneId}”是本大厅的隔离区：每次隔离后消毒，不予关闭。", $"Zone '{zone.ZoneId}' is the hall's isolation zone: it is disinfected after each isolation, not closed."))
                : null;
        }, () => ContainmentStore.OrderClosureAsync(services.Db, action, services.TimeProvider, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<ContainmentView>, Ok<ContainmentView>, ProblemHttpResult>> Suspend(
        string hallId, SuspensionRequest? request, [AsParameters] ContainmentServices services, CancellationToken cancellationToken)
    {
        var errors = ContainmentValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var reason = request!.Reason!.Trim();
        var action = New(hallId, ContainmentKind.Suspension, request.ContainmentId!.Value, request.IncidentId, reason, services,
            ContainmentValidation.Fingerprint(hallId, ContainmentKind.Suspension, request.IncidentId?.ToString(), reason), ContainmentState.Requested);
        return await CreateAsync(action, services, null, () => ContainmentStore.RequestAsync(services.Db, action, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<ContainmentView>, Ok<ContainmentView>, ProblemHttpResult>> Resume(
        string hallId, ResumptionRequest? request, [AsParameters] ContainmentServices services, CancellationToken cancellationToken)
    {
        var errors = ContainmentValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var (reason, overriding) = (request!.Reason!.Trim(), request.Override?.Reason?.Trim());
        var action = New(hallId, ContainmentKind.Resumption, request.ContainmentId!.Value, null, reason, services,
            ContainmentValidation.Fingerprint(hallId, ContainmentKind.Resumption, request.SuspensionId.ToString(), reason, overriding), ContainmentState.Requested,
            suspensionId: request.SuspensionId, overrideReason: overriding);
        return await CreateAsync(action, services, null, () => ContainmentStore.RequestAsync(services.Db, action, cancellationToken), cancellationToken);
    }

    private static ContainmentAction New(
        string hallId, ContainmentKind kind, Guid containmentId, Guid? incidentId, string reason, ContainmentServices services, string fingerprint, ContainmentState state,
        string? zoneId = null, Guid? suspensionId = null, string? overrideReason = null)
    {
        var now = services.TimeProvider.GetUtcNow();
        return new ContainmentAction
        {
            ContainmentId = containmentId,
            HallId = hallId,
            Kind = kind,
            State = state,
            ZoneId = zoneId,
            IncidentId = incidentId,
            SuspensionId = suspensionId,
            Reason = reason,
            RequestedBy = services.User.Subject(),
            RequestedAt = now,
            EffectiveAt = state == ContainmentState.Ordered ? now : null,
            OverrideReason = overrideReason,
            Fingerprint = fingerprint,
            UpdatedAt = now,
        };
    }

    /// <summary>The shared path of a new action: a replay, the hall, its case, the kind's own check, then the write (or its refusal).</summary>
    private static async Task<Results<Created<ContainmentView>, Ok<ContainmentView>, ProblemHttpResult>> CreateAsync(
        ContainmentAction action, ContainmentServices services, Func<KnownHall, Task<ProblemHttpResult?>>? check, Func<Task<ContainmentOutcome>> write,
        CancellationToken cancellationToken)
    {
        var db = services.Db;
        if (await ReplayAsync(action, services, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (await db.Halls.FindKnownAsync(action.HallId, cancellationToken) is not { } hall)
        {
            return IncidentProblems.UnknownHall(action.HallId);
        }

        if (action.IncidentId is { } incidentId)
        {
            if (await IncidentStore.FindAsync(db, incidentId, cancellationToken) is not { } incident)
            {
                return IncidentEndpoints.IncidentUnknown(incidentId);
            }

            if (incident.HallId != action.HallId)
            {
                return Problem.Of(StatusCodes.Status422UnprocessableEntity, IncidentProblems.IncidentNotInHall, new Bilingual($"事件“{incidentId}”属于办事大厅“{incident.HallId}”，而不是“{action.HallId}”。", $"Incident '{incidentId}' is of hall '{incident.HallId}', not '{action.HallId}'."));
            }
        }

        if (check is not null && await check(hall) is { } refused)
        {
            return refused;
        }

        ContainmentOutcome outcome;
        try
        {
            outcome = await write();
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same containmentId sent twice at once: the one stored answers the other.
            db.ChangeTracker.Clear();
            return await ReplayAsync(action, services, cancellationToken) ?? IncidentProblems.StoredMeanwhile("该处置措施", "The containment action");
        }

        if (outcome.Refusal != ContainmentRefusal.None)
        {
            return ContainmentRefusals.Problem(action, outcome);
        }

        return TypedResults.Created($"/api/v1/halls/{action.HallId}/containment/{action.ContainmentId}", (await ContainmentStore.ViewAsync(db, action.ContainmentId, cancellationToken))!);
    }

    private static async Task<Results<Created<ContainmentView>, Ok<ContainmentView>, ProblemHttpResult>?> ReplayAsync(
        ContainmentAction action, ContainmentServices services, CancellationToken cancellationToken)
    {
        if (await ContainmentStore.FindAsync(services.Db, action.ContainmentId, cancellationToken) is not { } stored)
        {
            return null;
        }

        if (stored.Fingerprint != action.Fingerprint)
        {
            return ContainmentRefusals.IdReused(action.ContainmentId);
        }

        services.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok((await ContainmentStore.ViewAsync(services.Db, action.ContainmentId, cancellationToken))!);
    }
}
