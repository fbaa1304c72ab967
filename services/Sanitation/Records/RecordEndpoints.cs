using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Sanitation.Records;

/// <summary><c>/api/v1/halls/{hallId}/sanitation/records</c>: what was disinfected, by whom, with which proof.</summary>
public static class RecordEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapRecordEndpoints(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/api/v1/halls/{hallId}/sanitation/records").WithTags("Sanitation records");
        records.MapPost("/", PostRecord).WithName("PostSanitationRecord")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader))
            .WithSummary("Record a disinfection")
            .WithDescription(
                "Stores what was done (201) and completes its task: `done`, or `late` when it ended after the task's window and the plan's grace; " +
                "a terminal disinfection that reopens a zone becomes `recorded` and waits for a duty leader's confirmation. Without `taskId` it is ad hoc. " +
                "The same `recordId` and body again: 200 with `Idempotent-Replayed: true`; another body: 409 `record_id_reused`. " +
                "A task another record completed: 409 `task_already_recorded` (send it without `taskId` to keep it ad hoc). Refused records store nothing.")
            .WithRequestExample("""{"recordId": "0193a5c0-7b2e-7c1a-9d2f-3b4c5d6e7f80", "taskId": "0193a5c0-0000-7000-8000-000000000001", "zoneId": "floor-1", "method": "wipe", "agent": "chlorine", "strength": 500, "startedAt": "2026-12-01T01:10:00+00:00", "endedAt": "2026-12-01T01:25:00+00:00", "evidence": "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "notes": "一楼服务区台面擦拭"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: the record was stored before under this `recordId` with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown, SanitationProblems.ZoneUnknown, SanitationProblems.TaskUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, SanitationProblems.RecordIdReused, SanitationProblems.TaskAlreadyRecorded, SanitationProblems.TaskNotOpen)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, SanitationProblems.ZoneMismatch, SanitationProblems.AgentMismatch,
                SanitationProblems.StrengthOutOfRange, SanitationProblems.RecordEndsBeforeStart, SanitationProblems.RecordInFuture);
        records.MapGet("/", ListRecords).WithName("ListSanitationRecords")
            .RequireAuthorization(policy => policy.RequireRole(Roles.SanitationStaff, Roles.DutyLeader, Roles.Ops))
            .WithSummary("List a hall-day's records")
            .WithDescription($"The records that started on `date` (the hall's local date; today when omitted) in start order, optionally of one `zoneId`; `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`.")
            .ProducesProblems(StatusCodes.Status404NotFound, SanitationProblems.HallUnknown);
        return app;
    }

    /// <summary>What a record handler needs besides the request.</summary>
    public sealed record RecordServices(SanitationDbContext Db, TimeProvider TimeProvider, ClaimsPrincipal User, HttpResponse Response);

    private static async Task<Results<Created<RecordView>, Ok<RecordView>, ProblemHttpResult>> PostRecord(
        string hallId, PostRecordRequest? request, [AsParameters] RecordServices services, CancellationToken cancellationToken)
    {
        var errors = RecordValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var db = services.Db;
        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } hall)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        // No replay check up front: a record sent again is refused by a check (its task is recorded already), or
        // collides with itself on the primary key, or finds its task taken, and each of those ends in the replay.
        var fingerprint = RecordValidation.Fingerprint(hallId, request!);
        var now = services.TimeProvider.GetUtcNow();
        var task = request!.TaskId is { } taskId
            ? await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId && t.HallId == hallId, cancellationToken)
            : null;
        if (await RecordStore.CheckAsync(db, hall, request, task, now, cancellationToken) is { } refused)
        {
            // The task may have been completed by this very record, sent before or at the same time: that is a
            // replay (or, with another body, record_id_reused), not a refusal.
            return await ReplayAsync(db, request.RecordId!.Value, fingerprint, services.Response, cancellationToken) ?? refused;
        }

        SanitationRecord? record;
        try
        {
            record = await RecordStore.StoreAsync(db, hall, request, task, services.User.Subject(), fingerprint, now, cancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            // The same recordId sent twice at once: the one stored answers the other.
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, request.RecordId!.Value, fingerprint, services.Response, cancellationToken)
                ?? SanitationProblems.StoredMeanwhile("该消毒登记", "The record");
        }

        if (record is null)
        {
            // The task was taken meanwhile: by this very record sent twice at once (a replay), or by another.
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, request.RecordId!.Value, fingerprint, services.Response, cancellationToken) ?? RecordStore.AlreadyRecorded(task!.Id);
        }

        return TypedResults.Created($"/api/v1/halls/{hallId}/sanitation/records?date={record.LocalDate:yyyy-MM-dd}", RecordView.From(record));
    }

    /// <summary>A record stored before under this id: 200 and <c>Idempotent-Replayed</c> with the same body, 409 with another.</summary>
    private static async Task<Results<Created<RecordView>, Ok<RecordView>, ProblemHttpResult>?> ReplayAsync(
        SanitationDbContext db, Guid recordId, string fingerprint, HttpResponse response, CancellationToken cancellationToken)
    {
        var stored = await db.Records.AsNoTracking().SingleOrDefaultAsync(r => r.RecordId == recordId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        if (stored.Fingerprint != fingerprint)
        {
            return Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.RecordIdReused, new Bilingual($"登记编号“{recordId}”已用于另一条登记。", $"Record '{recordId}' was stored with another body."));
        }

        response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Ok(RecordView.From(stored));
    }

    private static async Task<Results<Ok<RecordList>, ProblemHttpResult>> ListRecords(
        string hallId,
        DateOnly? date,
        [StringLength(64)] string? zoneId,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(32)] string? cursor,
        SanitationDbContext db,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var after = BoardCursor.CheckPage(errors, date, limit, MaxLimit, cursor);

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } known)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var day = date ?? HallTime.LocalDate(known.TimeZone, timeProvider.GetUtcNow());
        var query = cursor is null
            ? db.Records.AsNoTracking()
            : db.Records.FromSql($"SELECT * FROM sanitation_records WHERE (started_at, record_id) > ({after.WindowStart}, {after.TaskId})").AsNoTracking();
        query = query.Where(r => r.HallId == hallId && r.LocalDate == day);
        if (zoneId is not null)
        {
            query = query.Where(r => r.ZoneId == zoneId);
        }

        var take = limit ?? DefaultLimit;
        var page = await query.OrderBy(r => r.StartedAt).ThenBy(r => r.RecordId).Take(take + 1).ToListAsync(cancellationToken);
        var next = page.Count > take ? new BoardCursor(page[take - 1].StartedAt, page[take - 1].RecordId).Encode() : null;
        return TypedResults.Ok(new RecordList(hallId, day, [.. page.Take(take).Select(RecordView.From)], next));
    }
}
