using CivicHall.Contracts.Halls.V1;
using CivicHall.Incident.Policies;
using CivicHall.ServiceDefaults.Auth;
using static CivicHall.Incident.Cases.IncidentEndpoints;

namespace CivicHall.Incident.Cases;

/// <summary>
/// A case's steps, <c>opened → isolated → reported → transferred → closed</c>, one endpoint each (a body of its own):
/// each a conditional UPDATE from the state before it, with its timeline entry and <c>IncidentStepRecorded</c> in
/// the same transaction; each stored with its request's fingerprint so the same request again answers 200 replayed.
/// </summary>
public static class IncidentStepEndpoints
{
    private const string StepsInOrder = "Steps go `opened → isolated → reported → transferred → closed` (a `case_notice`, whose person is not in the hall: `opened → reported → closed`), who and when being the token's subject and now: a step from any other state is 409 `incident_step_out_of_order` with the case's `state` and its `allowedNextSteps`. The same step and body again: 200 with `Idempotent-Replayed: true`.";

    public static void Map(RouteGroupBuilder incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        incidents.MapPost("/{incidentId:guid}/steps/isolated", Isolate).WithName("IsolateIncident")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Screener, Roles.DutyLeader))
            .WithSummary("Record the person isolated")
            .WithDescription("Taken to `zoneId`, a zone of kind `isolation` of the case's hall (another zone: 422 `not_an_isolation_zone`), escorted by `escortingStaff`: `opened → isolated`. A zone holds as many isolated cases (not yet transferred or closed) as it has places (one per 10 m² of its area, at least one): a full zone is 409 `isolation_full` with `zoneId` and `places`, and the duty leader is told once per case (`IncidentEscalated`, deadline `isolation_full`). " + StepsInOrder)
            .WithRequestExample("""{"zoneId": "iso", "escortingStaff": ["screener-002", "张医生"], "notes": "已佩戴医用外科口罩"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: this step was recorded before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.HallUnknown, IncidentProblems.ZoneUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.IncidentStepOutOfOrder, IncidentProblems.IsolationFull)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, IncidentProblems.NotAnIsolationZone);
        incidents.MapPost("/{incidentId:guid}/steps/reported", Report).WithName("ReportIncident")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Record the case reported")
            .WithDescription("Reported to the hall's leadership group (`leadership`, the names told) and the person's unit or street (`unitOrStreet`), with a `summary`: `isolated → reported`. " + StepsInOrder)
            .WithRequestExample("""{"leadership": ["王主任", "李副主任"], "unitOrStreet": "夏阳街道", "summary": "复测37.8℃，已隔离，已报告"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: this step was recorded before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.IncidentStepOutOfOrder);
        incidents.MapPost("/{incidentId:guid}/steps/transferred", Transfer).WithName("TransferIncident")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Record the person handed over")
            .WithDescription("To `hospital` (the designated hospital or 120), to `home_observation` (居家医学观察) or `released`, with `destinationDetails` (the hospital, the address, who took over): `reported → transferred`. " + StepsInOrder)
            .WithRequestExample("""{"destination": "hospital", "destinationDetails": "青浦区中心医院发热门诊，120转运"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: this step was recorded before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.IncidentStepOutOfOrder);
        incidents.MapPost("/{incidentId:guid}/steps/closed", Close).WithName("CloseIncident")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Close a case")
            .WithDescription("With its `outcome`: `transferred → closed` (a case notice: `reported → closed`); a closed case takes no further step. Publishes `IncidentClosed` with `recordsHeldUntil`, the close plus the `recordsHoldDays` of the incident policy in force when the case opened. " + StepsInOrder)
            .WithRequestExample("""{"outcome": "已移交青浦区中心医院，隔离区终末消毒已安排"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: this step was recorded before with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.IncidentStepOutOfOrder);
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Isolate(
        Guid incidentId, IsolateIncidentRequest? request, [AsParameters] IncidentServices services, CancellationToken cancellationToken)
    {
        var errors = IncidentValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var details = new IncidentStepDetails { ZoneId = request!.ZoneId, EscortingStaff = [.. request.EscortingStaff!.Select(n => n.Trim())], Notes = request.Notes };
        StepExtras? extras = null;
        async Task<ProblemHttpResult?> CheckZone(IncidentCase incident)
        {
            if (await services.Db.Halls.FindKnownAsync(incident.HallId, cancellationToken) is not { } hall)
            {
                return HallUnknown(incident.HallId);
            }

            if (hall.Zones.FirstOrDefault(z => z.ZoneId == request.ZoneId) is not { } zone)
            {
                return ZoneUnknown(hall.HallId, request.ZoneId!);
            }

            if (zone.Kind == ZoneKinds.Isolation)
            {
                var policy = await IncidentPolicies.InForceAsync(services.Db, incident.HallId, incident.OpenedAt, cancellationToken);
                extras = new StepExtras(Isolation: new IsolationPlace(zone.ZoneId, IsolationZones.Places(zone), policy.Version));
                return null;
            }

            return Problem.Of(StatusCodes.Status422UnprocessableEntity, IncidentProblems.NotAnIsolationZone,
                    new Bilingual(
                        $"办事大厅“{hall.HallId}”的区域“{zone.ZoneId}”是 {zone.Kind}，不是隔离区。",
                        $"Zone '{zone.ZoneId}' of hall '{hall.HallId}' is a {zone.Kind}, not an isolation zone."),
                    new Dictionary<string, object?> { ["isolationZones"] = hall.Zones.Where(z => z.Kind == ZoneKinds.Isolation).Select(z => z.ZoneId).ToArray() });
        }

        return await StepAsync(incidentId, IncidentState.Isolated, details, services, CheckZone, cancellationToken, () => extras);
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Report(
        Guid incidentId, ReportIncidentRequest? request, [AsParameters] IncidentServices services, CancellationToken cancellationToken)
    {
        var errors = IncidentValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var details = new IncidentStepDetails
        {
            Leadership = [.. request!.Leadership!.Select(n => n.Trim())],
            UnitOrStreet = request.UnitOrStreet!.Trim(),
            Summary = request.Summary!.Trim(),
            Notes = request.Notes,
        };
        return await StepAsync(incidentId, IncidentState.Reported, details, services, null, cancellationToken);
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Transfer(
        Guid incidentId, TransferIncidentRequest? request, [AsParameters] IncidentServices services, CancellationToken cancellationToken)
    {
        var errors = IncidentValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var details = new IncidentStepDetails { Destination = request!.Destination, DestinationDetails = request.DestinationDetails?.Trim(), Notes = request.Notes };
        return await StepAsync(incidentId, IncidentState.Transferred, details, services, null, cancellationToken);
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Close(
        Guid incidentId, CloseIncidentRequest? request, [AsParameters] IncidentServices services, CancellationToken cancellationToken)
    {
        var errors = IncidentValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var details = new IncidentStepDetails { Outcome = request!.Outcome!.Trim(), Notes = request.Notes };
        StepExtras? extras = null;
        async Task<ProblemHttpResult?> Closing(IncidentCase incident)
        {
            // Records stay held for the period of the version the case kept to since it opened.
            var policy = await IncidentPolicies.InForceAsync(services.Db, incident.HallId, incident.OpenedAt, cancellationToken);
            extras = new StepExtras(RecordsHoldDays: policy.RecordsHoldDays);
            return null;
        }

        return await StepAsync(incidentId, IncidentState.Closed, details, services, Closing, cancellationToken, () => extras);
    }

    /// <summary>
    /// The shared path of a step: the case, a replay (this step done with this body), the order, the step's own
    /// check, then the conditional UPDATE; when that finds the case moved, a replay again (the same request raced
    /// in) or out of order.
    /// </summary>
    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> StepAsync(
        Guid incidentId,
        IncidentState to,
        IncidentStepDetails details,
        IncidentServices services,
        Func<IncidentCase, Task<ProblemHttpResult?>>? check,
        CancellationToken cancellationToken,
        Func<StepExtras?>? extras = null)
    {
        var db = services.Db;
        if (await IncidentStore.FindAsync(db, incidentId, cancellationToken) is not { } incident)
        {
            return IncidentUnknown(incidentId);
        }

        var fingerprint = IncidentValidation.Fingerprint(to, details);
        if (await ReplayedAsync(incident, to, fingerprint, services, cancellationToken) is { } replay)
        {
            return replay;
        }

        if (!incident.Allows(to))
        {
            return OutOfOrder(incident, to);
        }

        if (check is not null && await check(incident) is { } refused)
        {
            return refused;
        }

        var (by, now) = (services.User.Subject(), services.TimeProvider.GetUtcNow());
        var outcome = await IncidentStore.StepAsync(db, incident, to, by, now, details, fingerprint, services.TimeProvider, cancellationToken, extras?.Invoke());
        if (outcome == StepOutcome.IsolationFull)
        {
            var place = extras!()!.Isolation!;
            return Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.IsolationFull,
                new Bilingual(
                    $"办事大厅“{incident.HallId}”的隔离区“{place.ZoneId}”的 {place.Places} 个位置已满：已通知值班负责人。",
                    $"Isolation zone '{place.ZoneId}' of hall '{incident.HallId}' holds its {place.Places} place(s): the duty leader has been told."),
                new Dictionary<string, object?> { ["zoneId"] = place.ZoneId, ["places"] = place.Places });
        }

        if (outcome == StepOutcome.Moved)
        {
            // Another request took a step first: this very one sent again at the same time (a replay), or another.
            db.ChangeTracker.Clear();
            var moved = (await IncidentStore.FindAsync(db, incidentId, cancellationToken))!;
            return await ReplayedAsync(moved, to, fingerprint, services, cancellationToken) is { } raced ? raced : OutOfOrder(moved, to);
        }

        return TypedResults.Ok((await IncidentStore.FindViewAsync(db, incidentId, cancellationToken))!);
    }

    private static async Task<Ok<IncidentView>?> ReplayedAsync(IncidentCase incident, IncidentState step, string fingerprint, IncidentServices services, CancellationToken cancellationToken)
    {
        if (incident.State < step)
        {
            return null;
        }

        var timeline = await IncidentStore.TimelineAsync(services.Db, incident.IncidentId, cancellationToken);
        if (timeline.FirstOrDefault(s => s.Step == step)?.Fingerprint != fingerprint)
        {
            return null;
        }

        services.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(await IncidentStore.ViewAsync(services.Db, incident, cancellationToken));
    }

    private static ProblemHttpResult OutOfOrder(IncidentCase incident, IncidentState step)
    {
        var next = incident.NextSteps;
        var state = EnumText.Of(incident.State);
        return Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.IncidentStepOutOfOrder,
            next.Count > 0
                ? new Bilingual(
                    $"事件“{incident.IncidentId}”当前为 {state}：下一步应为“{string.Join("”或“", next)}”，而不是“{EnumText.Of(step)}”。",
                    $"Incident '{incident.IncidentId}' is {state}: the next step is '{string.Join("' or '", next)}', not '{EnumText.Of(step)}'.")
                : new Bilingual($"事件“{incident.IncidentId}”当前为 {state}：已没有后续步骤。", $"Incident '{incident.IncidentId}' is {state}: it takes no further step."),
            new Dictionary<string, object?> { ["state"] = state, ["allowedNextSteps"] = next });
    }
}
