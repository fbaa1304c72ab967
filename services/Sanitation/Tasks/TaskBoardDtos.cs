using System.ComponentModel.DataAnnotations;
using CivicHall.Sanitation.Plans;

namespace CivicHall.Sanitation.Tasks;

/// <summary>One task on the board; times are instants in UTC.</summary>
public sealed record TaskView(
    Guid TaskId,
    string ZoneId,
    string ZoneKind,
    string RuleId,
    string RuleKind,
    string? MeetingId,
    int Occurrence,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    [AllowedValues(TaskStates.Due, TaskStates.Done, TaskStates.Late, TaskStates.Missed, TaskStates.Skipped, TaskStates.Recorded)] string State,
    string? SkipReason,
    string Method,
    string? Agent,
    Strength? Strength,
    string? Target,
    int? MinMinutes,
    int PlanVersion,
    TaskRecordView? Record,
    TerminalView? Terminal,
    [property: System.ComponentModel.Description("When the zone's visitors brought the window forward to start then (bringForwardAfterVisitors); null otherwise.")]
    DateTimeOffset? BroughtForwardAt)
{
    public static TaskView From(SanitationTask t, SanitationRecord? record)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.ZoneId, t.ZoneKind, t.RuleId, t.RuleKind, t.MeetingId.Length == 0 ? null : t.MeetingId, t.Occurrence,
            t.WindowStart.ToUniversalTime(), t.WindowEnd.ToUniversalTime(), EnumText.Of(t.State), t.SkipReason, t.Method, t.Agent,
            t.Strength, t.Target, t.MinMinutes, t.PlanVersion, record is null ? null : TaskRecordView.From(record),
            t.RuleKind == TerminalTasks.Kind ? new TerminalView(t.Source!, t.SourceId, t.Reason, t.RequiresConfirmation, t.ConfirmedBy, t.ConfirmedAt?.ToUniversalTime()) : null,
            t.BroughtForwardAt?.ToUniversalTime());
    }
}

/// <summary>The record that completed a task (null until then).</summary>
public sealed record TaskRecordView(Guid RecordId, string RecordedBy, DateTimeOffset StartedAt, DateTimeOffset EndedAt, string? Agent, decimal? Strength, string? Evidence)
{
    public static TaskRecordView From(SanitationRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.RecordId, r.RecordedBy, r.StartedAt.ToUniversalTime(), r.EndedAt.ToUniversalTime(), r.Agent, r.Strength, r.Evidence);
    }
}

/// <summary>
/// A terminal disinfection (终末消毒; rule kind <c>terminal</c>): why it was ordered (<c>zone_closure</c>, <c>duty_leader</c>,
/// <c>abnormal_person</c>), the incident or screening, and, when it reopens a zone, the duty leader who confirmed it.
/// </summary>
public sealed record TerminalView(
    [AllowedValues(TerminalTasks.ZoneClosure, TerminalTasks.DutyLeader, TerminalTasks.AbnormalPerson)] string Source,
    string? SourceId,
    string? Reason,
    bool RequiresConfirmation,
    string? ConfirmedBy,
    DateTimeOffset? ConfirmedAt);

/// <summary>A page of a hall-day's tasks in window order; <c>nextCursor</c> fetches the next page (null on the last).</summary>
public sealed record TaskBoard(string HallId, DateOnly Date, string TimeZone, IReadOnlyList<TaskView> Tasks, string? NextCursor);
