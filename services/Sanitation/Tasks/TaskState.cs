namespace CivicHall.Sanitation.Tasks;

/// <summary>Where a task stands; stored and shown as its wire name (<see cref="TaskStates"/>).</summary>
public enum TaskState
{
    /// <summary>Planned, not yet recorded.</summary>
    Due,

    /// <summary>Recorded within its window.</summary>
    Done,

    /// <summary>Recorded after its window.</summary>
    Late,

    /// <summary>Never recorded; the day is over.</summary>
    Missed,

    /// <summary>No longer planned (the plan, hours, zones or meetings changed): see the skip reason.</summary>
    Skipped,

    /// <summary>A terminal disinfection recorded and awaiting a second person's (a duty leader's) confirmation.</summary>
    Recorded,
}

public static class TaskStates
{
    public const string Due = "due";
    public const string Done = "done";
    public const string Late = "late";
    public const string Missed = "missed";
    public const string Skipped = "skipped";
    public const string Recorded = "recorded";

    public static IReadOnlyList<string> All { get; } = [Due, Done, Late, Missed, Skipped, Recorded];

    public static string Name(TaskState state) => state switch
    {
        TaskState.Due => Due,
        TaskState.Done => Done,
        TaskState.Late => Late,
        TaskState.Missed => Missed,
        TaskState.Skipped => Skipped,
        TaskState.Recorded => Recorded,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static TaskState Parse(string name) => name switch
    {
        Due => TaskState.Due,
        Done => TaskState.Done,
        Late => TaskState.Late,
        Missed => TaskState.Missed,
        Skipped => TaskState.Skipped,
        Recorded => TaskState.Recorded,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}

/// <summary>Why a task was skipped when its day was generated again.</summary>
public static class SkipReasons
{
    /// <summary>The plan in force no longer has the rule, or the rule no longer covers the zone.</summary>
    public const string PlanChanged = "plan_changed";

    /// <summary>The hall no longer has the zone.</summary>
    public const string ZoneRemoved = "zone_removed";

    /// <summary>The meeting was cancelled or moved to another day.</summary>
    public const string MeetingCancelled = "meeting_cancelled";

    /// <summary>The hall is now closed that day.</summary>
    public const string HallClosed = "hall_closed";

    /// <summary>The rule still applies, but the day's hours leave fewer occurrences.</summary>
    public const string HoursChanged = "hours_changed";
}
