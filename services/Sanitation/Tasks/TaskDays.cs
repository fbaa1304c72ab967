using CivicHall.Sanitation.Meetings;
using CivicHall.Sanitation.Plans;

namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// Stores a hall-day's due tasks and brings them in line when the plan, the hall's hours or zones or the
/// meetings change: new tasks are added, <c>due</c> ones take their new window, <c>due</c> ones no longer
/// planned are <c>skipped</c> with the reason, and <c>done</c>, <c>late</c> and <c>missed</c> ones (and windows
/// skipped as <c>zone_unoccupied</c>) are never touched; a window brought forward by visitors keeps its window. One generation of a hall-day at a time (a transaction-scoped advisory lock), so replicas and
/// requests that regenerate together neither duplicate nor undo each other.
/// </summary>
public sealed partial class TaskDays(SanitationDbContext db, TimeProvider timeProvider, ILogger<TaskDays> logger) : IPlanAddedHandler, IMeetingDaysChangedHandler
{
    /// <summary>After a meeting change: the days it touches that are generated on demand (today to <see cref="AheadDays"/> ahead).</summary>
    public Task MeetingDaysChangedAsync(string hallId, string timeZone, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken)
    {
        return TryRegenerateAsync(hallId, () =>
        {
            var today = HallTime.LocalDate(timeZone, timeProvider.GetUtcNow());
            return [.. dates.Where(d => IsAhead(d, today)).Distinct()];
        }, cancellationToken);
    }

    /// <summary>After a plan version: today and tomorrow again (tomorrow may begin under it even when it takes effect later today).</summary>
    public Task PlanAddedAsync(string hallId, string timeZone, CancellationToken cancellationToken) =>
        TryRegenerateAsync(hallId, () => Horizon(timeZone, timeProvider.GetUtcNow()), cancellationToken);

    /// <summary>Generates (again) the tasks of a hall's local date; returns how many rows it added or changed (0 for an unknown hall).</summary>
    public Task<int> RegenerateAsync(string hallId, DateOnly date, CancellationToken cancellationToken) =>
        TransientRetry.RunAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockDayAsync(db, hallId, date, cancellationToken);
            if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } known)
            {
                return 0;
            }

            var hall = SanitationHall.From(known);
            var now = timeProvider.GetUtcNow();
            var dayStart = hall.At(date, TimeOnly.MinValue);
            // Today follows the plan in force now; a later day the plan in force when it begins.
            var plan = await SanitationPlans.InForceAsync(db, hallId, dayStart > now ? dayStart : now, cancellationToken);
            var meetings = await MeetingsAroundAsync(hallId, dayStart, cancellationToken);
            var due = DueTaskSchedule.For(hall, date, plan.Rules, meetings);

            // Terminal disinfections are not planned: generation leaves them alone. The rows are locked: a record or
            // the overdue sweep changing one meanwhile is waited for (or skipped by the sweep), so a task is never
            // written back as due or skipped over a completion or a miss that committed after it was read.
            var existing = await db.Tasks.FromSql($"""
                SELECT * FROM sanitation_tasks WHERE hall_id = {hallId} AND local_date = {date} AND rule_kind <> {TerminalTasks.Kind} FOR UPDATE
                """).ToListAsync(cancellationToken);
            var byKey = existing.ToDictionary(Key);
            var changed = 0;
            foreach (var task in due)
            {
                if (!byKey.Remove((task.ZoneId, task.RuleId, task.MeetingId, task.Occurrence), out var stored))
                {
                    db.Tasks.Add(New(hallId, date, task, plan.Version, now));
                    changed++;
                }
                else if ((stored.State == TaskState.Due || (stored.State == TaskState.Skipped && stored.SkipReason != SkipReasons.ZoneUnoccupied))
                    && stored.Refresh(task, plan.Version))
                {
                    // Skipped ones come back when planned again (a plan changed back, a meeting restored); a window
                    // skipped because the zone stood empty is a fact about the past, like a missed one, and stays.
                    stored.UpdatedAt = now;
                    changed++;
                }
            }

            foreach (var vanished in byKey.Values.Where(t => t.State == TaskState.Due))
            {
                vanished.State = TaskState.Skipped;
                vanished.SkipReason = SkipReason(vanished, hall, date, plan, meetings);
                vanished.UpdatedAt = now;
                changed++;
            }

            await db.SaveChangesAsync(cancellationToken);
            await RecordGenerationAsync(hallId, date, DayFingerprint.Of(known.Version, plan.Version, meetings), now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return changed;
        });

    /// <summary>
    /// The fingerprints of the hall-days' last generations, for the sweep to skip the days whose inputs are unchanged.
    /// </summary>
    public async Task<Dictionary<(string HallId, DateOnly Date), string>> FingerprintsAsync(IReadOnlyCollection<string> hallIds, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await db.GeneratedDays.AsNoTracking()
            .Where(g => hallIds.Contains(g.HallId) && g.LocalDate >= from && g.LocalDate <= to)
            .Select(g => new { g.HallId, g.LocalDate, g.Fingerprint })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.HallId, r.LocalDate), r => r.Fingerprint);
    }

    /// <summary>The span of meeting starts a hall-day's schedule looks at (a local day is at most 25 hours; the schedule keeps the meetings that start on it).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) MeetingWindow(DateTimeOffset dayStart) => (dayStart.AddHours(-2), dayStart.AddHours(27));

    // Always a new row version (and one more generation), so a generation that should have been skipped shows.
    private Task<int> RecordGenerationAsync(string hallId, DateOnly date, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO sanitation_generated_days (hall_id, local_date, fingerprint, generated_at, generations)
            VALUES ({hallId}, {date}, {fingerprint}, {now}, 1)
            ON CONFLICT (hall_id, local_date) DO UPDATE
            SET fingerprint = excluded.fingerprint, generated_at = excluded.generated_at,
                generations = sanitation_generated_days.generations + 1
            """,
            cancellationToken);

    /// <summary>Serialises everything that adds a hall-day's tasks (generation, terminal disinfections) until the transaction ends.</summary>
    public static async Task LockDayAsync(SanitationDbContext db, string hallId, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = $"sanitation-day:{hallId}:{date:yyyy-MM-dd}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
    }

    /// <summary>How far ahead a day is generated on demand (a meeting registered, the board read): not years of rows for a typo.</summary>
    public const int AheadDays = 31;

    /// <summary>Whether a day is generated on demand: from today to <see cref="AheadDays"/> ahead; past days keep what was planned.</summary>
    public static bool IsAhead(DateOnly date, DateOnly today) => date >= today && date <= today.AddDays(AheadDays);

    /// <summary>Today and tomorrow of a hall, in its own time zone, at <paramref name="now"/>.</summary>
    public static IReadOnlyList<DateOnly> Horizon(string timeZone, DateTimeOffset now)
    {
        var today = HallTime.LocalDate(timeZone, now);
        return [today, today.AddDays(1)];
    }

    /// <summary>
    /// Regenerates days after a change that is already committed (a plan version, a meeting): best effort, so
    /// the change is answered as stored; a failure is logged and <see cref="DueTaskSweep"/> catches up within an interval.
    /// </summary>
    public async Task<int> TryRegenerateAsync(string hallId, Func<IReadOnlyCollection<DateOnly>> dates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var changed = 0;
        IReadOnlyCollection<DateOnly> days;
        try
        {
            days = dates();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRegenerationFailed(logger, ex, hallId, null);
            return 0;
        }

        foreach (var date in days.Order())
        {
            try
            {
                changed += await RegenerateAsync(hallId, date, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRegenerationFailed(logger, ex, hallId, date);
            }
        }

        return changed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tasks of hall {HallId} on {Date} not generated again after a committed change; the sweep will retry")]
    private static partial void LogRegenerationFailed(ILogger logger, Exception exception, string hallId, DateOnly? date);

    private async Task<List<ScheduledMeeting>> MeetingsAroundAsync(string hallId, DateTimeOffset dayStart, CancellationToken cancellationToken)
    {
        var (from, to) = MeetingWindow(dayStart);
        return await db.Meetings.AsNoTracking()
            .Where(m => m.HallId == hallId && m.Status == MeetingStatus.Scheduled && m.StartsAt >= from && m.StartsAt < to)
            .Select(m => new ScheduledMeeting(m.MeetingId, m.ZoneId, m.StartsAt, m.EndsAt))
            .ToListAsync(cancellationToken);
    }

    private static (string, string, string, int) Key(SanitationTask t) => (t.ZoneId, t.RuleId, t.MeetingId, t.Occurrence);

    private static SanitationTask New(string hallId, DateOnly date, DueTask due, int planVersion, DateTimeOffset now)
    {
        var task = new SanitationTask
        {
            Id = Guid.CreateVersion7(now),
            HallId = hallId,
            LocalDate = date,
            ZoneId = due.ZoneId,
            RuleId = due.RuleId,
            MeetingId = due.MeetingId,
            Occurrence = due.Occurrence,
            CreatedAt = now,
            UpdatedAt = now,
        };
        task.Refresh(due, planVersion);
        return task;
    }

    /// <summary>Why a task is no longer planned, the most specific cause first.</summary>
    private static string SkipReason(SanitationTask task, SanitationHall hall, DateOnly date, SanitationPlan plan, IReadOnlyList<ScheduledMeeting> meetings)
    {
        var zone = hall.Zones.FirstOrDefault(z => z.ZoneId == task.ZoneId);
        if (zone is null)
        {
            return SkipReasons.ZoneRemoved;
        }

        var rule = plan.Rules.FirstOrDefault(r => r.RuleId == task.RuleId);
        if (rule is null || !rule.Covers(zone.ZoneId, zone.Kind) || rule.Kind != task.RuleKind)
        {
            return SkipReasons.PlanChanged;
        }

        if (task.MeetingId.Length > 0 && !meetings.Any(m => m.MeetingId == task.MeetingId && hall.DateAt(m.StartsAt) == date))
        {
            return SkipReasons.MeetingCancelled;
        }

        if (task.PlanVersion != plan.Version)
        {
            return SkipReasons.PlanChanged;
        }

        return hall.HoursOn(date) is null ? SkipReasons.HallClosed : SkipReasons.HoursChanged;
    }
}
