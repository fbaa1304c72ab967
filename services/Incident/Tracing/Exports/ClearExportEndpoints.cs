using System.Security.Claims;
using CivicHall.Incident.Cases;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.Extensions.Options;

namespace CivicHall.Incident.Tracing.Exports;

/// <summary>
/// <c>/api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports</c>: a duty leader requests a tracing list in
/// clear for the health authority, another person approves (or rejects) it, and the requester or the approver
/// downloads it once (<see cref="ClearExportReadEndpoints"/>).
/// </summary>
public static class ClearExportEndpoints
{
    public static IEndpointRouteBuilder MapClearExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/v1/incidents/{incidentId:guid}/tracing/{tracingId:guid}/clear-exports").WithTags("Tracing");
        exports.MapPost("/", RequestExport).WithName("RequestClearExport")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Request a tracing list in clear for the health authority")
            .WithDescription("201 `requested`: nothing is decrypted until another person approves it (`…/{exportId}/approval`). The `reason` (4–200 characters) is recorded with every read. Idempotent by the client's `exportId`: the same id and body again answer 200 with `Idempotent-Replayed: true`; another body or list is 409 `export_id_reused`.")
            .WithRequestExample("""{"exportId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7fa1", "reason": "县疾控中心流调需要密接人员名单"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: requested before under this `exportId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.TracingUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.ExportIdReused);
        exports.MapPost("/{exportId:guid}/approval", Approve).WithName("ApproveClearExport")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Approve a clear export (second person)")
            .WithDescription("By another person than the requester (409 `second_person_required`), a duty leader or ops, with a `reason`: `requested → approved`, downloadable once until `expiresAt` (configurable, 24 h by default). The same approval again by the same person: 200 with `Idempotent-Replayed: true`; an export not requested any more is 409 `export_not_pending`.")
            .WithRequestExample("""{"reason": "经分管领导同意向县疾控中心提供"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: approved before by this person.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.TracingUnknown, IncidentProblems.ExportUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.SecondPersonRequired, IncidentProblems.ExportNotPending);
        exports.MapPost("/{exportId:guid}/rejection", Reject).WithName("RejectClearExport")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Reject a clear export, or withdraw one's own request")
            .WithDescription("`requested → rejected` with a `reason`, by another person (a refusal) or the requester (a withdrawal): never downloadable. Rejected again: 200 with `Idempotent-Replayed: true`; anything else is 409 `export_not_pending`.")
            .WithRequestExample("""{"reason": "名单范围过大，请缩小后重新申请"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: rejected before.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.TracingUnknown, IncidentProblems.ExportUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.ExportNotPending);
        ClearExportReadEndpoints.Map(exports);
        return app;
    }

    /// <summary>What a clear export handler needs besides the request.</summary>
    public sealed record ClearExportServices(
        IncidentDbContext Db, TimeProvider TimeProvider, ClaimsPrincipal User, HttpContext Http, IOptions<ClearExportOptions> Options, ClearIdentitySources Sources);

    private static async Task<Results<Created<ClearExportView>, Ok<ClearExportView>, ProblemHttpResult>> RequestExport(
        Guid incidentId, Guid tracingId, ClearExportRequest? request, [AsParameters] ClearExportServices services, CancellationToken cancellationToken)
    {
        var errors = ClearExportValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var (run, problem) = await FindRunAsync(services.Db, incidentId, tracingId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (exportId, reason, by) = (request!.ExportId!.Value, request.Reason!.Trim(), services.User.Subject());
        var export = ClearExport.Request(exportId, run!, reason, by, services.TimeProvider.GetUtcNow());
        if (await ClearExportStore.TryAddAsync(services.Db, export, cancellationToken))
        {
            return TypedResults.Created($"/api/v1/incidents/{incidentId}/tracing/{tracingId}/clear-exports/{exportId}", ClearExportView.Of(export));
        }

        var existing = await services.Db.ClearExports.AsNoTracking().SingleAsync(e => e.ExportId == exportId, cancellationToken);
        if (existing.TracingId != tracingId || existing.IncidentId != incidentId || existing.Reason != reason || existing.RequestedBy != by)
        {
            return Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.ExportIdReused, new Bilingual($"导出编号“{exportId}”已用于另一次申请。", $"exportId '{exportId}' was already used for another request."));
        }

        services.Http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(ClearExportView.Of(existing));
    }

    private static Task<Results<Ok<ClearExportView>, ProblemHttpResult>> Approve(
        Guid incidentId, Guid tracingId, Guid exportId, ClearExportDecision? decision, [AsParameters] ClearExportServices services, CancellationToken cancellationToken) =>
        DecideAsync(incidentId, tracingId, exportId, decision, services, approve: true, cancellationToken);

    private static Task<Results<Ok<ClearExportView>, ProblemHttpResult>> Reject(
        Guid incidentId, Guid tracingId, Guid exportId, ClearExportDecision? decision, [AsParameters] ClearExportServices services, CancellationToken cancellationToken) =>
        DecideAsync(incidentId, tracingId, exportId, decision, services, approve: false, cancellationToken);

    private static async Task<Results<Ok<ClearExportView>, ProblemHttpResult>> DecideAsync(
        Guid incidentId, Guid tracingId, Guid exportId, ClearExportDecision? decision, ClearExportServices services, bool approve, CancellationToken cancellationToken)
    {
        var errors = ClearExportValidation.Validate(decision);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var (export, problem) = await FindAsync(services.Db, incidentId, tracingId, exportId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (by, reason, now) = (services.User.Subject(), decision!.Reason!.Trim(), services.TimeProvider.GetUtcNow());
        var target = approve ? ClearExportState.Approved : ClearExportState.Rejected;
        if (export!.State == target && (!approve || export.DecidedBy == by))
        {
            services.Http.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(ClearExportView.Of(export));
        }

        if (approve && export.State == ClearExportState.Requested && export.RequestedBy == by)
        {
            return Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.SecondPersonRequired, new Bilingual(
                "申请人不能批准自己的明文导出：须由另一名值班负责人或运营人员批准。",
                "The requester cannot approve their own clear export: another duty leader or ops approves it."));
        }

        if (approve)
        {
            export.Approve(by, reason, now, now + services.Options.Value.DownloadWindow);
        }
        else
        {
            export.Reject(by, reason, now);
        }

        return await ClearExportStore.DecideAsync(services.Db, export, cancellationToken)
            ? TypedResults.Ok(ClearExportView.Of(export))
            : NotPending(exportId);
    }

    internal static ProblemHttpResult NotPending(Guid exportId) =>
        Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.ExportNotPending, new Bilingual($"明文导出“{exportId}”已不在申请状态：已被批准或驳回。", $"Clear export '{exportId}' is not requested any more: it was approved or rejected."));

    internal static async Task<(TracingRun? Run, ProblemHttpResult? Problem)> FindRunAsync(
        IncidentDbContext db, Guid incidentId, Guid tracingId, CancellationToken cancellationToken)
    {
        if (!await db.Incidents.AnyAsync(i => i.IncidentId == incidentId, cancellationToken))
        {
            return (null, IncidentEndpoints.IncidentUnknown(incidentId));
        }

        var run = await TracingStore.FindAsync(db, incidentId, tracingId, cancellationToken);
        return run is null
            ? (null, Problem.Of(StatusCodes.Status404NotFound, IncidentProblems.TracingUnknown, new Bilingual($"事件“{incidentId}”没有追踪“{tracingId}”。", $"Incident '{incidentId}' has no tracing '{tracingId}'.")))
            : (run, null);
    }

    internal static async Task<(ClearExport? Export, ProblemHttpResult? Problem)> FindAsync(
        IncidentDbContext db, Guid incidentId, Guid tracingId, Guid exportId, CancellationToken cancellationToken)
    {
        var (_, problem) = await FindRunAsync(db, incidentId, tracingId, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        var export = await ClearExportStore.FindAsync(db, incidentId, tracingId, exportId, cancellationToken);
        return export is null
            ? (null, Problem.Of(StatusCodes.Status404NotFound, IncidentProblems.ExportUnknown, new Bilingual($"追踪“{tracingId}”没有明文导出“{exportId}”。", $"Tracing '{tracingId}' has no clear export '{exportId}'.")))
            : (export, null);
    }
}
