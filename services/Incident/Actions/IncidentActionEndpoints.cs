using CivicHall.Contracts.Incidents.V1;
using CivicHall.Incident.Cases;
using CivicHall.Messaging.Outbox;
using CivicHall.ServiceDefaults.Auth;
using static CivicHall.Incident.Cases.IncidentEndpoints;

namespace CivicHall.Incident.Actions;

/// <summary>
/// Actions on a case's timeline that are not states: the person's unit or street informed, the designated hospital or
/// 120 notified (each once, in any state before closed), and, for a refusal, calls to the police (110).
/// </summary>
public static class IncidentActionEndpoints
{
    private const string Once = "Allowed in any state before `closed` (then 409 `incident_closed`), once per case: the same body again answers 200 with `Idempotent-Replayed: true`, another body is 409 `action_already_recorded`. Who and when are the token's subject and now; the action appears on the case's timeline.";

    public static IEndpointRouteBuilder MapIncidentActionEndpoints(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/v1/incidents").WithTags("Incidents");
        incidents.MapPost("/{incidentId:guid}/actions/unit-informed", UnitInformed).WithName("RecordUnitInformed")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Record the person's unit or street informed")
            .WithDescription("The unit or street (单位或街道, `name`) told, `how`, `notes`; the case shows `unitInformedAt`. " + Once)
            .WithRequestExample("""{"name": "夏阳街道社区卫生服务中心", "how": "电话", "notes": "已告知居住地社区"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: recorded before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.CaseClosed, IncidentProblems.ActionAlreadyRecorded);
        incidents.MapPost("/{incidentId:guid}/actions/hospital-notified", HospitalNotified).WithName("RecordHospitalNotified")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Screener))
            .WithSummary("Record the designated hospital or 120 notified")
            .WithDescription("`via` `hospital` (the designated hospital) or `120`, `whom` (who took the call), their `answer`, `notes`; the case shows `hospitalNotifiedAt`, which meets the policy's `hospitalNotifiedWithinMinutes`. " + Once)
            .WithRequestExample("""{"via": "120", "whom": "120调度员", "answer": "救护车15分钟内到达", "notes": null}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: recorded before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.CaseClosed, IncidentProblems.ActionAlreadyRecorded);
        incidents.MapPost("/{incidentId:guid}/police-calls", PoliceCalled).WithName("RecordPoliceCall")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Screener))
            .WithSummary("Record a call to the police (110) for a refusal")
            .WithDescription("A person refusing control measures after being dissuaded (经劝阻仍不配合): 110 called at `calledAt` (not later than now) by the token's subject, the police's `answer` if any (201, `PoliceAssistanceRequested`). Only for a `refusal` case (another kind: 422 `not_a_refusal`) before `closed`. Idempotent by the client's `callId`: the same id and body again answer 200 with `Idempotent-Replayed: true`; another body is 409 `police_call_id_reused`.")
            .WithRequestExample("""{"callId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f92", "calledAt": "2026-11-27T09:12:00+08:00", "answer": "派出所民警10分钟内到场"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: recorded before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.CaseClosed, IncidentProblems.PoliceCallIdReused)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, IncidentProblems.NotARefusal);
        return app;
    }

    private static Task<Results<Ok<IncidentView>, ProblemHttpResult>> UnitInformed(
        Guid incidentId, UnitInformedRequest? request, [AsParameters] IncidentServices services, CancellationToken cancellationToken)
    {
        var errors = IncidentActionValidation.Validate(request);
        return errors.Count > 0
            ? Task.FromResult<Results<Ok<IncidentView>, ProblemHttpResult>>(Problem.Validation(errors))
            : RecordAsync(incidentId, IncidentActions.UnitInformed, new IncidentStepDetails { Name = request!.Name!.Trim(), How = request.How!.Trim(), Notes = request.Notes }, services, cancellationToken);
    }

    private static Task<Results<Ok<IncidentView>, ProblemHttpResult>> HospitalNotified(
        Guid incidentId, HospitalNotifiedRequest? request, [AsParameters] IncidentServices services, CancellationToken cancellationToken)
    {
        var errors = IncidentActionValidation.Validate(request);
        return errors.Count > 0
            ? Task.FromResult<Results<Ok<IncidentView>, ProblemHttpResult>>(Problem.Validation(errors))
            : RecordAsync(incidentId, IncidentActions.HospitalNotified,
                new IncidentStepDetails { Via = request!.Via, Whom = request.Whom!.Trim(), Answer = request.Answer?.Trim(), Notes = request.Notes }, services, cancellationToken);
    }

    /// <summary>The shared path of an action: the case, a replay or a conflict, closed, then the insert keyed (case, action).</summary>
    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> RecordAsync(
        Guid incidentId, string action, IncidentStepDetails details, IncidentServices services, CancellationToken cancellationToken)
    {
        var db = services.Db;
        if (await IncidentStore.FindAsync(db, incidentId, cancellationToken) is not { } incident)
        {
            return IncidentUnknown(incidentId);
        }

        var fingerprint = IncidentActionValidation.Fingerprint(action, details);
        if (await RecordedAsync(incident, action, fingerprint, services, cancellationToken) is { } recorded)
        {
            return recorded;
        }

        if (incident.State == IncidentState.Closed)
        {
            return Closed(incident);
        }

        db.Actions.Add(new IncidentAction { IncidentId = incidentId, Action = action, At = services.TimeProvider.GetUtcNow(), By = services.User.Subject(), Details = details, Fingerprint = fingerprint });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return (await RecordedAsync(incident, action, fingerprint, services, cancellationToken))!;
        }

        return TypedResults.Ok(await IncidentStore.ViewAsync(db, incident, cancellationToken));
    }

    /// <summary>The action recorded before: 200 replayed with the same details, 409 with others; null when not recorded.</summary>
    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>?> RecordedAsync(
        IncidentCase incident, string action, string fingerprint, IncidentServices services, CancellationToken cancellationToken)
    {
        var stored = await services.Db.Actions.AsNoTracking().SingleOrDefaultAsync(a => a.IncidentId == incident.IncidentId && a.Action == action, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        if (stored.Fingerprint != fingerprint)
        {
            return Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.ActionAlreadyRecorded,
                new Bilingual(
                    $"事件“{incident.IncidentId}”已于 {stored.At:O} 以不同内容登记过“{action}”。",
                    $"'{action}' was recorded on incident '{incident.IncidentId}' at {stored.At:O} with other details."));
        }

        services.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(await IncidentStore.ViewAsync(services.Db, incident, cancellationToken));
    }

    private static async Task<Results<Created<PoliceCallView>, Ok<PoliceCallView>, ProblemHttpResult>> PoliceCalled(
        Guid incidentId, PoliceCallRequest? request, [AsParameters] IncidentServices services, CancellationToken cancellationToken)
    {
        var now = services.TimeProvider.GetUtcNow();
        var errors = IncidentActionValidation.Validate(request, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var db = services.Db;
        if (await IncidentStore.FindAsync(db, incidentId, cancellationToken) is not { } incident)
        {
            return IncidentUnknown(incidentId);
        }

        var fingerprint = IncidentActionValidation.Fingerprint(incidentId, request!);
        if (await CalledAsync(db, request!.CallId!.Value, fingerprint, services.Response, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (incident.Kind != IncidentKind.Refusal)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, IncidentProblems.NotARefusal,
                new Bilingual(
                    $"事件“{incidentId}”属于 {EnumText.Of(incident.Kind)}：仅拒不配合（refusal）的事件登记报警求助。",
                    $"Incident '{incidentId}' is a {EnumText.Of(incident.Kind)} case: police assistance is recorded for refusals."));
        }

        if (incident.State == IncidentState.Closed)
        {
            return Closed(incident);
        }

        var call = new PoliceCall
        {
            CallId = request.CallId.Value,
            IncidentId = incidentId,
            CalledBy = services.User.Subject(),
            CalledAt = request.CalledAt!.Value.ToUniversalTime(),
            Answer = string.IsNullOrWhiteSpace(request.Answer) ? null : request.Answer.Trim(),
            RecordedAt = now,
            Fingerprint = fingerprint,
        };
        db.PoliceCalls.Add(call);
        db.AddIntegrationEvent(new PoliceAssistanceRequested(incidentId, incident.HallId, call.CalledBy, call.CalledAt, call.Answer, now), services.TimeProvider);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return (await CalledAsync(db, call.CallId, fingerprint, services.Response, cancellationToken))!;
        }

        return TypedResults.Created($"/api/v1/incidents/{incidentId}", PoliceCallView.From(call));
    }

    private static async Task<Results<Created<PoliceCallView>, Ok<PoliceCallView>, ProblemHttpResult>?> CalledAsync(
        IncidentDbContext db, Guid callId, string fingerprint, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await db.PoliceCalls.AsNoTracking().SingleOrDefaultAsync(c => c.CallId == callId, cancellationToken) is not { } stored)
        {
            return null;
        }

        if (stored.Fingerprint != fingerprint)
        {
            return Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.PoliceCallIdReused, new Bilingual($"报警编号“{callId}”已以不同内容登记。", $"Call '{callId}' was recorded with another body."));
        }

        response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(PoliceCallView.From(stored));
    }

    private static ProblemHttpResult Closed(IncidentCase incident) =>
        IncidentProblems.Closed(incident.IncidentId);
}
