using CivicHall.Sanitation.Plans;

namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// A due task as stored: unique per (hall, local date, zone, rule, meeting, occurrence), so generating a
/// day again finds it instead of adding another. Records complete it: <see cref="RecordId"/>
/// and the state <c>done</c> or <c>late</c>, which no generation touches again.
/// </summary>
public sealed class SanitationTask
{
    public Guid Id { get; init; }

    public required string HallId { get; init; }

    public DateOnly LocalDate { get; init; }

    public required string ZoneId { get; init; }

    public required string RuleId { get; init; }

    /// <summary>Empty except for meeting tasks.</summary>
    public required string MeetingId { get; init; }

    public int Occurrence { get; init; }

    public string ZoneKind { get; set; } = string.Empty;

    public string RuleKind { get; set; } = string.Empty;

    public DateTimeOffset WindowStart { get; set; }

    public DateTimeOffset WindowEnd { get; set; }

    public string Method { get; set; } = string.Empty;

    public string? Agent { get; set; }

    /// <summary>The allowed strength, in columns of its own so records can be checked against it in SQL.</summary>
    public decimal? StrengthMin { get; set; }

    public decimal? StrengthMax { get; set; }

    public string? StrengthUnit { get; set; }

    public Strength? Strength
    {
        get => StrengthMin is { } min && StrengthMax is { } max && StrengthUnit is { } unit ? new Strength(min, max, unit) : null;
        set => (StrengthMin, StrengthMax, StrengthUnit) = (value?.Min, value?.Max, value?.Unit);
    }

    public string? Target { get; set; }

    public int? MinMinutes { get; set; }

    public TaskState State { get; set; }

    /// <summary>Applies only if the zone held someone during the window (an around-the-clock rule while occupied).</summary>
    public bool WhileOccupied { get; set; }

    /// <summary>The rule's <c>bringForwardAfterVisitors</c>: a record of this task counts the zone's visitors again from then.</summary>
    public int? BringForwardAfterVisitors { get; set; }

    /// <summary>When the zone's visitors brought the window forward to start then; generation keeps such a window.</summary>
    public DateTimeOffset? BroughtForwardAt { get; set; }

    public string? SkipReason { get; set; }

    /// <summary>The plan version the task was last generated under.</summary>
    public int PlanVersion { get; set; }

    /// <summary>The record that completed the task.</summary>
    public Guid? RecordId { get; set; }

    /// <summary>Who recorded it (the record's subject), so a terminal disinfection's confirmer can be told apart.</summary>
    public string? RecordedBy { get; set; }

    /// <summary>For terminal disinfections (<see cref="TerminalTasks"/>): <c>zone_closure</c>, <c>duty_leader</c> or <c>abnormal_person</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The incident (or, for <c>abnormal_person</c>, the screening) the terminal disinfection answers.</summary>
    public string? SourceId { get; init; }

    public string? Reason { get; init; }

    /// <summary>Done only once a duty leader other than the recorder confirms; then <c>ZoneSanitized</c> is published.</summary>
    public bool RequiresConfirmation { get; init; }

    public string? ConfirmedBy { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>When the overdue sweep marked it missed and raised <c>SanitationTaskOverdue</c> (level <c>overdue</c>).</summary>
    public DateTimeOffset? OverdueAt { get; set; }

    /// <summary>When the sweep escalated it (or held the escalation back under the hall's cool-down: <see cref="EscalationSuppressed"/>).</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    public bool EscalationSuppressed { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Takes the window and what to do from a fresh generation; true when anything changed. A window brought
    /// forward by the zone's visitors stays where it was brought (the visitors came; the plan did not change that).
    /// </summary>
    public bool Refresh(DueTask due, int planVersion)
    {
        ArgumentNullException.ThrowIfNull(due);
        var (start, end) = BroughtForwardAt is null ? (due.WindowStart, due.WindowEnd) : (WindowStart, WindowEnd);
        var changed = WindowStart != start || WindowEnd != end || Method != due.Method || Agent != due.Agent
            || Strength != due.Strength || Target != due.Target || MinMinutes != due.MinMinutes || ZoneKind != due.ZoneKind
            || RuleKind != due.RuleKind || WhileOccupied != due.WhileOccupied
            || BringForwardAfterVisitors != due.BringForwardAfterVisitors || PlanVersion != planVersion || State != TaskState.Due;
        ZoneKind = due.ZoneKind;
        RuleKind = due.RuleKind;
        WindowStart = start;
        WindowEnd = end;
        WhileOccupied = due.WhileOccupied;
        BringForwardAfterVisitors = due.BringForwardAfterVisitors;
        Method = due.Method;
        Agent = due.Agent;
        Strength = due.Strength;
        Target = due.Target;
        MinMinutes = due.MinMinutes;
        PlanVersion = planVersion;
        State = TaskState.Due;
        SkipReason = null;
        return changed;
    }
}
