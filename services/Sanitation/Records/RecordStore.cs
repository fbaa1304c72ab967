using CivicHall.Sanitation.Occupation;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CivicHall.Sanitation.Records;

/// <summary>The checks a record passes against its hall, task and clock, and the transaction that stores it and completes its task.</summary>
public static class RecordStore
{
    /// <summary>Why a record is refused, with its status and code; null when it may be stored.</summary>
    public static async Task<ProblemHttpResult?> CheckAsync(
        SanitationDbContext db, KnownHall hall, PostRecordRequest request, SanitationTask? task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(request);
        var started = request.StartedAt!.Value;
        var ended = request.EndedAt!.Value;
        if (hall.Zones.All(z => z.ZoneId != request.ZoneId))
        {
            return SanitationProblems.UnknownZone(hall.HallId, request.ZoneId);
        }

        if (ended < started)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.RecordEndsBeforeStart, new Bilingual("结束时间（endedAt）早于开始时间（startedAt）。", "endedAt is before startedAt."));
        }

        if (ended > now || started > now)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.RecordInFuture,
                new Bilingual($"登记的是已完成的消毒：不能晚于当前时间（{now:O}）。", $"A record is of what was done: it cannot end after now ({now:O})."), new Dictionary<string, object?> { ["now"] = now });
        }

        if (request.TaskId is { } taskId && task is null)
        {
            return Problem.Of(StatusCodes.Status404NotFound, SanitationProblems.TaskUnknown, new Bilingual($"办事大厅“{hall.HallId}”没有消毒任务“{taskId}”。", $"Hall '{hall.HallId}' has no task '{taskId}'."));
        }

        Strength? allowed;
        if (task is not null)
        {
            if (task.ZoneId != request.ZoneId)
            {
                return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.ZoneMismatch, new Bilingual($"任务“{task.Id}”属于区域“{task.ZoneId}”。", $"Task '{task.Id}' is in zone '{task.ZoneId}'."),
                    new Dictionary<string, object?> { ["taskZoneId"] = task.ZoneId });
            }

            if (task.State == TaskState.Skipped)
            {
                return Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.TaskNotOpen, new Bilingual($"任务“{task.Id}”已取消（{task.SkipReason}）。", $"Task '{task.Id}' is skipped ({task.SkipReason})."));
            }

            if (task.State is not (TaskState.Due or TaskState.Missed))
            {
                return AlreadyRecorded(task.Id);
            }

            if (task.Method != request.Method || task.Agent != request.Agent)
            {
                return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.AgentMismatch,
                    new Bilingual(
                        $"任务“{task.Id}”要求以 {task.Method} 方式消毒{(task.Agent is null ? string.Empty : $"，使用 {task.Agent}")}。",
                        $"Task '{task.Id}' requires {task.Method}{(task.Agent is null ? string.Empty : $" with {task.Agent}")}."),
                    new Dictionary<string, object?> { ["method"] = task.Method, ["agent"] = task.Agent });
            }

            allowed = task.Strength;
        }
        else
        {
            // Ad hoc: the plan in force names what this agent may be in this zone (any rule covering it).
            var zone = hall.Zones.First(z => z.ZoneId == request.ZoneId);
            var plan = await SanitationPlans.InForceAsync(db, hall.HallId, ended, cancellationToken);
            var ranges = plan.Rules.Where(r => r.Covers(zone.ZoneId, zone.Kind) && r.Agent == request.Agent && r.Strength is not null)
                .Select(r => r.Strength!).ToList();
            allowed = ranges.Count == 0 || request.Strength is not { } s || ranges.Any(r => s >= r.Min && s <= r.Max) ? null : ranges[0];
        }

        if (allowed is not null && request.Strength is { } measured && (measured < allowed.Min || measured > allowed.Max))
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, SanitationProblems.StrengthOutOfRange,
                new Bilingual($"消毒剂浓度应为 {allowed.Min}–{allowed.Max} {allowed.Unit}。", $"The strength must be from {allowed.Min} to {allowed.Max} {allowed.Unit}."),
                new Dictionary<string, object?> { ["min"] = allowed.Min, ["max"] = allowed.Max, ["unit"] = allowed.Unit });
        }

        return null;
    }

    public static ProblemHttpResult AlreadyRecorded(Guid taskId) => Problem.Of(StatusCodes.Status409Conflict, SanitationProblems.TaskAlreadyRecorded,
        new Bilingual(
            $"任务“{taskId}”已有登记；如需保留本条，请去掉 taskId 作为临时登记提交。",
            $"Task '{taskId}' already has its record; send this one without taskId to keep it as an ad hoc record."));

    /// <summary>
    /// Stores the record and, for a task, completes it with a conditional update (only from <c>due</c> or
    /// <c>missed</c>): of two records racing for one task one completes it and the other is refused
    /// (<c>task_already_recorded</c>) with nothing stored. Returns the record, or null when the task was taken.
    /// </summary>
    public static async Task<SanitationRecord?> StoreAsync(
        SanitationDbContext db, KnownHall hall, PostRecordRequest request, SanitationTask? task, string by, string fingerprint, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(request);
        var ended = request.EndedAt!.Value.ToUniversalTime();
        var outcome = RecordOutcomes.AdHoc;
        var state = TaskState.Done;
        if (task is not null)
        {
            var grace = await SanitationPlans.GraceMinutesAsync(db, hall.HallId, task.WindowStart, cancellationToken);
            var late = ended > task.WindowEnd + TimeSpan.FromMinutes(grace);
            state = task.RequiresConfirmation ? TaskState.Recorded : late ? TaskState.Late : TaskState.Done;
            outcome = EnumText.Of(state);
        }

        var record = new SanitationRecord
        {
            RecordId = request.RecordId!.Value,
            HallId = hall.HallId,
            LocalDate = HallTime.LocalDate(hall.TimeZone, request.StartedAt!.Value),
            TaskId = task?.Id,
            ZoneId = request.ZoneId!,
            Method = request.Method!,
            Agent = request.Agent,
            Strength = request.Strength,
            StrengthUnit = request.Agent is { } agent ? Agents.UnitOf(agent) : null,
            StartedAt = request.StartedAt!.Value.ToUniversalTime(),
            EndedAt = ended,
            RecordedBy = by,
            Evidence = request.Evidence,
            Notes = request.Notes,
            Fingerprint = fingerprint,
            Outcome = outcome,
            CreatedAt = now,
        };

        if (task?.BringForwardAfterVisitors is null)
        {
            return await InsertAsync(db, record, state, cancellationToken) ? record : null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The zone's visitors count again from this record (the baseline row before the task row: see VisitorBaselines).
        await VisitorBaselines.ResetAsync(db, hall.HallId, task.ZoneId, task.RuleId, now, cancellationToken);
        if (!await InsertAsync(db, record, state, cancellationToken))
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>
    /// The record and its task's completion in one statement (atomic on its own, and inside the caller's transaction
    /// when there is one): the task is taken only from <c>due</c> or <c>missed</c> and only if no record holds it,
    /// and the record is stored only with its task taken (or without a task). A second record of the same id fails
    /// the whole statement on the primary key (<c>23505</c>). Prepared once per connection, like the other hot paths
    /// (see <c>DatabaseExtensions.SessionSettings</c>). False when the task was taken.
    /// </summary>
    private static async Task<bool> InsertAsync(SanitationDbContext db, SanitationRecord record, TaskState state, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(InsertRecord, connection);
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            var p = command.Parameters;
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = record.RecordId });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = record.HallId });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = record.LocalDate });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)record.TaskId ?? DBNull.Value });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = record.ZoneId });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = record.Method });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)record.Agent ?? DBNull.Value });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = (object?)record.Strength ?? DBNull.Value });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)record.StrengthUnit ?? DBNull.Value });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = record.StartedAt.ToUniversalTime() });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = record.EndedAt.ToUniversalTime() });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = record.RecordedBy });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)record.Evidence ?? DBNull.Value });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)record.Notes ?? DBNull.Value });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = record.Fingerprint });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = record.Outcome });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = record.CreatedAt.ToUniversalTime() });
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = EnumText.Of(state) });
            await command.PrepareAsync(cancellationToken);
            return (int)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // $4 is the task (null: ad hoc); $18 the state its record gives it.
    private const string InsertRecord = """
        WITH taken AS (
            UPDATE sanitation_tasks SET state = $18, record_id = $1, recorded_by = $12, updated_at = $17
            WHERE id = $4 AND record_id IS NULL AND state IN ('due', 'missed')
            RETURNING id
        ), stored AS (
            INSERT INTO sanitation_records (record_id, hall_id, local_date, task_id, zone_id, method, agent, strength, strength_unit,
                started_at, ended_at, recorded_by, evidence, notes, fingerprint, outcome, created_at)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
            WHERE $4::uuid IS NULL OR EXISTS (SELECT 1 FROM taken)
            RETURNING 1
        )
        SELECT count(*)::int FROM stored
        """;
}
