using System.ComponentModel.DataAnnotations;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;
using static CivicHall.Incident.Tracing.Exports.ClearExportEndpoints;

namespace CivicHall.Incident.Tracing.Exports;

/// <summary>A tracing's clear exports, one of them, its one download, and incident's personal-data access log of exports.</summary>
public static class ClearExportReadEndpoints
{
    private const int MaxLimit = 200;
    private const int DefaultLimit = 50;

    public static void Map(RouteGroupBuilder exports)
    {
        ArgumentNullException.ThrowIfNull(exports);
        exports.MapGet("/", List).WithName("ListClearExports")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("List a tracing's clear exports")
            .WithDescription($"Newest request first; `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`. Who requested, decided and downloaded each, never a clear identity.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.TracingUnknown);
        exports.MapGet("/{exportId:guid}", View).WithName("GetClearExport")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("View a clear export")
            .WithDescription("Its state (`requested`, `approved`, `rejected`, `downloaded`), who requested and decided it and why, until when it may be downloaded, who downloaded it, when, and how many people it held.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.TracingUnknown, IncidentProblems.ExportUnknown);
        exports.MapGet("/{exportId:guid}/download", ClearExportDownload.DownloadAsync).WithName("DownloadClearExport")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Download an approved clear export, once")
            .WithDescription("The list in clear (`format=csv`, the default, or `json`), with `Cache-Control: no-store`, for the requester or the approver only (else 403 `export_not_yours`). Only once approved (409 `export_not_approved`), once (410 `export_already_downloaded`, also for the second of two downloads at the same time) and before `expiresAt` (410 `export_expired`). Screening decrypts everyone it screened, booking the rest, incident the case's own person of a notice; each owner records its reads. A source that does not answer is 503 `source_unavailable` (named in `source`), and the download is not used up.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblems(StatusCodes.Status403Forbidden, IncidentProblems.ExportNotYours)
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.IncidentUnknown, IncidentProblems.TracingUnknown, IncidentProblems.ExportUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.ExportNotApproved)
            .ProducesProblems(StatusCodes.Status410Gone, IncidentProblems.ExportAlreadyDownloaded, IncidentProblems.ExportExpired)
            .ProducesProblems(StatusCodes.Status503ServiceUnavailable, IncidentProblems.SourceUnavailable);
    }

    /// <summary><c>GET /api/v1/incidents/personal-data-access</c>: every clear export as a personal-data access, for ops.</summary>
    public static IEndpointRouteBuilder MapPersonalDataAccessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/incidents/personal-data-access", AccessLog).WithTags("Tracing").WithName("ListPersonalDataAccess")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Ops))
            .WithSummary("Incident's personal-data access log (clear exports)")
            .WithDescription($"Every clear export of a tracing list, newest request first, optionally of one `incidentId`: who requested, approved (or rejected) and downloaded it, when, why, which list, how many people. `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`.");
        return app;
    }

    private static async Task<Results<Ok<ClearExportPage>, ProblemHttpResult>> List(
        Guid incidentId, Guid tracingId, [Range(1, MaxLimit)] int? limit, [StringLength(TimeIdCursor.Length)] string? cursor,
        IncidentDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        var after = PageQuery.CheckTimeIdCursor(errors, cursor);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var (_, problem) = await FindRunAsync(db, incidentId, tracingId, cancellationToken);
        return problem ?? (Results<Ok<ClearExportPage>, ProblemHttpResult>)TypedResults.Ok(
            await ClearExportStore.ListAsync(db, incidentId, tracingId, limit ?? DefaultLimit, after, cancellationToken));
    }

    private static async Task<Results<Ok<ClearExportView>, ProblemHttpResult>> View(
        Guid incidentId, Guid tracingId, Guid exportId, IncidentDbContext db, CancellationToken cancellationToken)
    {
        var (export, problem) = await FindAsync(db, incidentId, tracingId, exportId, cancellationToken);
        return problem ?? (Results<Ok<ClearExportView>, ProblemHttpResult>)TypedResults.Ok(ClearExportView.Of(export!));
    }

    private static async Task<Results<Ok<ClearExportPage>, ProblemHttpResult>> AccessLog(
        Guid? incidentId, [Range(1, MaxLimit)] int? limit, [StringLength(TimeIdCursor.Length)] string? cursor,
        IncidentDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PageQuery.CheckLimit(errors, limit, MaxLimit);
        var after = PageQuery.CheckTimeIdCursor(errors, cursor);
        return errors.Count > 0
            ? Problem.Validation(errors)
            : TypedResults.Ok(await ClearExportStore.ListAsync(db, incidentId, null, limit ?? DefaultLimit, after, cancellationToken));
    }
}
