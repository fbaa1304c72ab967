using CivicHall.Contracts.Halls.V1;
using CivicHall.Sanitation.Plans;

namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// Terminal disinfection (终末消毒) tasks: not planned but ordered, by <c>ZoneClosureOrdered</c>, a duty
/// leader, or <c>AbnormalPersonDetected</c> (the screening point and the isolation area, seed 003). They are
/// stored with the day's tasks (rule kind <c>terminal</c>, which generation leaves alone), so the board,
/// records and the state machine are the same; those that reopen a zone need a duty leader's confirmation.
/// </summary>
public static class TerminalTasks
{
    public const string Kind = "terminal";
    public const string RuleId = "terminal-disinfection";

    public const string ZoneClosure = "zone_closure";
    public const string DutyLeader = "duty_leader";
    public const string AbnormalPerson = "abnormal_person";

    /// <summary>How long the team has from the order to the record.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(60);

    /// <summary>
    /// Chlorine 1000–2000 mg/L. The seeds name no strength for terminal disinfection (seed 002 §9 leaves it to
    /// the CDC); this is the strength they give for contaminated items (seed 000 §七), not yet a plan option.
    /// </summary>
    public static Strength Strength { get; } = new(1000m, 2000m, Agents.MilligramsPerLitre);

    /// <summary>
    /// Adds (without saving; the caller's transaction commits it) a terminal task for a zone, or finds the one
    /// still open for the same source: a closure ordered twice for one incident makes one task. Null when the
    /// hall or zone is unknown.
    /// </summary>
    public static async Task<(SanitationTask Task, bool Created)?> OpenAsync(
        SanitationDbContext db, string hallId, string zoneId, string source, string? sourceId, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var known = await db.Halls.FindKnownAsync(hallId, cancellationToken);
        var zone = known?.Zones.FirstOrDefault(z => z.ZoneId == zoneId);
        if (known is null || zone is null)
        {
            return null;
        }

        var date = HallTime.LocalDate(known.TimeZone, now);
        await TaskDays.LockDayAsync(db, hallId, date, cancellationToken);
        if (sourceId is not null)
        {
            var open = await db.Tasks.SingleOrDefaultAsync(
                t => t.HallId == hallId && t.ZoneId == zoneId && t.RuleKind == Kind && t.Source == source && t.SourceId == sourceId
                    && (t.State == TaskState.Due || t.State == TaskState.Recorded || t.State == TaskState.Missed), cancellationToken);
            // A group of deliveries shares one transaction: one added just before counts too.
            open ??= db.Tasks.Local.FirstOrDefault(t => t.HallId == hallId && t.ZoneId == zoneId && t.RuleKind == Kind && t.Source == source
                && t.SourceId == sourceId && t.State == TaskState.Due);
            if (open is not null)
            {
                return (open, false);
            }
        }

        var occurrence = await db.Tasks.Where(t => t.HallId == hallId && t.LocalDate == date && t.ZoneId == zoneId && t.RuleId == RuleId)
            .MaxAsync(t => (int?)t.Occurrence, cancellationToken) ?? 0;
        occurrence = db.Tasks.Local.Where(t => t.HallId == hallId && t.LocalDate == date && t.ZoneId == zoneId && t.RuleId == RuleId)
            .Select(t => t.Occurrence).Append(occurrence).Max();
        var task = new SanitationTask
        {
            Id = Guid.CreateVersion7(now),
            HallId = hallId,
            LocalDate = date,
            ZoneId = zoneId,
            ZoneKind = zone.Kind,
            RuleId = RuleId,
            RuleKind = Kind,
            MeetingId = string.Empty,
            Occurrence = occurrence + 1,
            WindowStart = now,
            WindowEnd = now + Window,
            Method = Methods.Spray,
            Agent = Agents.Chlorine,
            Strength = Strength,
            Target = "whole_zone",
            State = TaskState.Due,
            Source = source,
            SourceId = sourceId,
            Reason = reason,
            RequiresConfirmation = source != AbnormalPerson,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tasks.Add(task);
        return (task, true);
    }

    /// <summary>The zones seed 003 disinfects after an isolation: the screening point (security check) and the isolation area.</summary>
    public static IEnumerable<HallZone> AfterIsolation(KnownHall hall)
    {
        ArgumentNullException.ThrowIfNull(hall);
        return hall.Zones.Where(z => z.Kind is ZoneKinds.SecurityCheck or ZoneKinds.Isolation).OrderBy(z => z.ZoneId, StringComparer.Ordinal);
    }
}
