using System.Text.Json.Serialization;

namespace CivicHall.Sanitation.Tasks;

/// <summary>Where a task stands; stored and shown as its wire name (<see cref="TaskStates"/>).</summary>
public enum TaskState
{
    /// <summary>Planned, not yet recorded.</summary>
    [JsonStringEnumMemberName(TaskStates.Due)]
    Due,

    /// <summary>Recorded within its window.</summary>
    [JsonStringEnumMemberName(TaskStates.Done)]
    Done,

    /// <summary>Recorded after its window.</summary>
    [JsonStringEnumMemberName(TaskStates.Late)]
    Late,

    /// <summary>Never recorded; the day is over.</summary>
    [JsonStringEnumMemberName(TaskStates.Missed)]
    Missed,

    /// <summary>No longer planned (the plan, hours, zones or meetings changed), or a window of an empty zone: see the skip reason.</summary>
    [JsonStringEnumMemberName(TaskStates.Skipped)]
    Skipped,

    /// <summary>A terminal disinfection recorded and awaiting a second person's (a duty leader's) confirmation.</summary>
    [JsonStringEnumMemberName(TaskStates.Recorded)]
    Recorded,
}

/// <summary>The wire names of <see cref="TaskState"/>, for the string-typed fields that list them.</summary>
public static class TaskStates
{
    public const string Due = "due";
    public const string Done = "done";
    public const string Late = "late";
    public const string Missed = "missed";
    public const string Skipped = "skipped";
    public const string Recorded = "recorded";

    public static IReadOnlyList<string> All { get; } = [Due, Done, Late, Missed, Skipped, Recorded];
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

    /// <summary>
    /// A window of a rule that applies while the zone is occupied (the isolation area) in which the zone stood empty
    /// throughout, by occupancy's counts: the overdue sweep skips it instead of raising it. Never brought back.
    /// </summary>
    public const string ZoneUnoccupied = "zone_unoccupied";
}
