using System.Security.Claims;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Sanitation.Terminal;

/// <summary>
/// <c>/api/v1/halls/{hallId}/sanitation/terminal-disinfections</c>: a duty leader orders a zone's terminal
/// disinfection and, once recorded by someone else, confirms it; only then is <c>ZoneSanitized</c> published.
/// </summary>
public static class TerminalEndpoints
{
    public static IEndpointRouteBuilder MapTerminalEndpoints(this IEndpointRouteBuilder app)
    {
        var terminal = app.MapGroup("/api/v1/halls/{hallId}/sanitation/terminal-disinfections").WithTags("Sanitation tasks")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader));
        terminal.MapPost("/", Order).WithName("OrderTerminalDisinfection")
            .WithSummary("Order a zone's terminal disinfection")
            .WithDescription(
                "A priority task (rule kind `terminal`, chlorine 1000–2000 mg/L, due within 60 minutes) on today's board: 201. With an `incidentId` " +
                "for which the zone's terminal disinfection is still open, that one is returned (200). It is done once recorded and confirmed by a duty leader who did not record it.")
            .WithRequestExample("""{"zoneId": "floor-1", "incidentId": "inc-20261201-01", "reason": "确诊病例到访，终末消毒"}""")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.ZoneUnknown);
        terminal.MapPost("/{taskId:guid}/confirmation", Confirm).WithName("ConfirmTerminalDisinfection")
            .WithSummary("Confirm a recorded terminal disinfection")
            .WithDescription(
                "A second person, a duty leader who did not record it, confirms the record: the task is `done` (or `late`) and `ZoneSanitized` is published, " +
                "so occupancy reopens the zone. Again: 200 with `Idempotent-Replayed: true`, nothing published twice.")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true` when it had been confirmed already.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.TerminalUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, SanitationProblems.TerminalNotRecorded, SanitationProblems.OwnRecordConfirmation);
        return app;
    }

    /// <summary>What a terminal handler needs besides the route and body.</summary>
    public sealed record TerminalServices(SanitationDbContext Db, TimeProvider TimeProvider, ClaimsPrincipal User, HttpResponse Response);

    private static async Task<Results<Created<TaskView>, Ok<TaskView>, ProblemHttpResult>> Order(
        string hallId, OrderTerminalRequest? request, [AsParameters] TerminalServices services, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request?.ZoneId) || request.ZoneId.Length > 64)
        {
            errors["zoneId"] = ["Required: a zone of the hall."];
        }

        if (request?.IncidentId is { } incident && (string.IsNullOrWhiteSpace(incident) || incident.Length > 64))
        {
            errors["incidentId"] = ["An incident id of 1 to 64 characters, or left out."];
        }

        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Trim().Length > 500)
        {
            errors["reason"] = ["Required: why, 1 to 500 characters."];
        }

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var db = services.Db;
        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } hall)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        if (hall.Zones.All(z => z.ZoneId != request!.ZoneId))
        {
            return SanitationProblems.UnknownZone(hallId, request!.ZoneId);
        }

        var now = services.TimeProvider.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var opened = await TerminalTasks.OpenAsync(db, hallId, request!.ZoneId!, TerminalTasks.DutyLeader, request.IncidentId, request.Reason!.Trim(), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var (task, created) = opened!.Value;
        var view = TaskView.From(task, null);
        return created
            ? TypedResults.Created($"/api/v1/halls/{hallId}/sanitation/tasks?date={task.LocalDate:yyyy-MM-dd}&zoneId={task.ZoneId}", view)
            : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Confirm(
        string hallId, Guid taskId, [AsParameters] TerminalServices services, CancellationToken cancellationToken)
    {
        var db = services.Db;
        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId && t.HallId == hallId && t.RuleKind == TerminalTasks.Kind, cancellationToken);
        if (task is null)
        {
            return Problem.Of(StatusCodes.Status404NotFound, SanitationProblems.TerminalUnknown, new Bilingual($"办事大厅“{hallId}”没有终末消毒任务“{taskId}”。", $"Hall '{hallId}' has no terminal disinfection '{taskId}'."));
        }

        var record = task.RecordId is { } recordId ? await db.Records.AsNoTracking().SingleOrDefaultAsync(r => r.RecordId == recordId, cancellationToken) : null;
        if (task.ConfirmedBy is not null)
        {
            services.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(TaskView.From(task, record));
        }

        if (task.State != TaskState.Recorded || record is null)
        {
            return Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.TerminalNotRecorded,
                new Bilingual(
                    $"终末消毒“{taskId}”当前为 {EnumText.Of(task.State)}：没有待确认的登记。",
                    $"Terminal disinfection '{taskId}' is {EnumText.Of(task.State)}: there is no record awaiting confirmation."));
        }

        var by = services.User.Subject();
        if (record.RecordedBy == by)
        {
            return Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.OwnRecordConfirmation, new Bilingual("须由登记人以外的值班负责人确认。", "A duty leader other than the recorder must confirm."));
        }

        var now = services.TimeProvider.GetUtcNow();
        var plan = await SanitationPlans.InForceAsync(db, hallId, task.WindowStart, cancellationToken);
        var state = record.EndedAt > task.WindowEnd + TimeSpan.FromMinutes(plan.GraceMinutes) ? TaskState.Late : TaskState.Done;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var confirmed = await db.Tasks.Where(t => t.Id == taskId && t.State == TaskState.Recorded && t.ConfirmedBy == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, state).SetProperty(t => t.ConfirmedBy, by)
                .SetProperty(t => t.ConfirmedAt, now).SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (confirmed == 0)
        {
            // Another leader confirmed it meanwhile: theirs stands, and theirs published the event.
            await transaction.RollbackAsync(cancellationToken);
            var current = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId, cancellationToken);
            services.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(TaskView.From(current, record));
        }

        db.AddIntegrationEvent(new ZoneSanitized(task.Id, hallId, task.ZoneId, record.EndedAt, now), services.TimeProvider);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var done = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId, cancellationToken);
        return TypedResults.Ok(TaskView.From(done, record));
    }
}
