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
    [AllowedValues(TaskStates.Due, TaskStates.Done, TaskStates.Late, TaskStates.Missed, TaskStates.Skipped)] string State,
    string? SkipReason,
    string Method,
    string? Agent,
    Strength? Strength,
    string? Target,
    int? MinMinutes,
    int PlanVersion,
    TaskRecordView? Record)
{
    public static TaskView From(SanitationTask t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.ZoneId, t.ZoneKind, t.RuleId, t.RuleKind, t.MeetingId.Length == 0 ? null : t.MeetingId, t.Occurrence,
            t.WindowStart.ToUniversalTime(), t.WindowEnd.ToUniversalTime(), TaskStates.Name(t.State), t.SkipReason, t.Method, t.Agent,
            t.Strength, t.Target, t.MinMinutes, t.PlanVersion, t.RecordId is { } id ? new TaskRecordView(id) : null);
    }
}

/// <summary>The record that completed a task (records are still to come: null until then).</summary>
public sealed record TaskRecordView(Guid RecordId);

/// <summary>A page of a hall-day's tasks in window order; <c>nextCursor</c> fetches the next page (null on the last).</summary>
public sealed record TaskBoard(string HallId, DateOnly Date, string TimeZone, IReadOnlyList<TaskView> Tasks, string? NextCursor);
