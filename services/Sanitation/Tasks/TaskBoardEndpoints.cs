using System.ComponentModel.DataAnnotations;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Sanitation.Tasks;

/// <summary><c>GET /api/v1/halls/{hallId}/sanitation/tasks</c>: the day's due tasks (the board).</summary>
public static class TaskBoardEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapTaskBoardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/halls/{hallId}/sanitation/tasks", GetBoard).WithName("GetSanitationTasks").WithTags("Sanitation tasks")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read a hall-day's due tasks")
            .WithDescription(
                "The tasks of `date` (the hall's local date; today when omitted) in window order, each with its window (UTC), rule, zone, " +
                "state (`due`, `done`, `late`, `missed`, `skipped` with `skipReason`, `recorded`: a terminal disinfection awaiting confirmation), its record and, for a terminal disinfection (rule kind `terminal`), why and who confirmed it. Filter by `state` and `zoneId`; page with " +
                $"`limit` (1–{MaxLimit}, {DefaultLimit}) and the `nextCursor` of the previous page. A day from today to 31 days ahead that was never generated is generated first.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown);
        return app;
    }

    private static async Task<Results<Ok<TaskBoard>, ProblemHttpResult>> GetBoard(
        string hallId,
        DateOnly? date,
        [AllowedValues(TaskStates.Due, TaskStates.Done, TaskStates.Late, TaskStates.Missed, TaskStates.Skipped, TaskStates.Recorded)] string? state,
        string? zoneId,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(32)] string? cursor,
        SanitationDbContext db,
        TaskDays days,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (state is not null && !TaskStates.All.Contains(state))
        {
            errors["state"] = [$"One of {string.Join(", ", TaskStates.All)}."];
        }

        var after = BoardCursor.CheckPage(errors, date, limit, MaxLimit, cursor);

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } known)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var hall = SanitationHall.From(known);
        var day = date ?? hall.DateAt(timeProvider.GetUtcNow());
        if (TaskDays.IsAhead(day, hall.DateAt(timeProvider.GetUtcNow())) && !await db.Tasks.AnyAsync(t => t.HallId == hallId && t.LocalDate == day, cancellationToken))
        {
            // Like a slot plan, a day's tasks exist once asked for; the sweep keeps today and tomorrow current.
            await days.RegenerateAsync(hallId, day, cancellationToken);
        }

        var query = cursor is null
            ? db.Tasks.AsNoTracking()
            : db.Tasks.FromSql($"SELECT * FROM sanitation_tasks WHERE (window_start, id) > ({after.WindowStart}, {after.TaskId})").AsNoTracking();
        query = query.Where(t => t.HallId == hallId && t.LocalDate == day);
        if (state is not null)
        {
            var wanted = EnumText.Parse<TaskState>(state);
            query = query.Where(t => t.State == wanted);
        }

        if (zoneId is not null)
        {
            query = query.Where(t => t.ZoneId == zoneId);
        }

        var take = limit ?? DefaultLimit;
        var page = await query.OrderBy(t => t.WindowStart).ThenBy(t => t.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = page.Count > take ? new BoardCursor(page[take - 1].WindowStart, page[take - 1].Id).Encode() : null;
        var shown = page.Take(take).ToList();
        var recordIds = shown.Where(t => t.RecordId is not null).Select(t => t.RecordId!.Value).ToList();
        var records = recordIds.Count == 0
            ? []
            : await db.Records.AsNoTracking().Where(r => recordIds.Contains(r.RecordId)).ToDictionaryAsync(r => r.RecordId, cancellationToken);
        return TypedResults.Ok(new TaskBoard(hallId, day, hall.TimeZone,
            [.. shown.Select(t => TaskView.From(t, t.RecordId is { } id ? records.GetValueOrDefault(id) : null))], next));
    }
}
