using CivicHall.Sanitation.Plans;

namespace CivicHall.Sanitation.Tasks;

/// <summary>
/// One task the plan makes due on a hall-day. Its identity is (zone, rule, meeting, occurrence) within
/// the hall-day: a later generation of the same day that yields the same identity is the same task,
/// possibly with another window. <see cref="MeetingId"/> is empty except for meeting tasks, whose
/// occurrence is 1 (before the meeting) or 2 (after it), so cancelling one meeting leaves the others' alone.
/// <see cref="WhileOccupied"/> marks the windows of an around-the-clock rule that apply only if the zone held someone;
/// <see cref="BringForwardAfterVisitors"/> is the rule's threshold, so a record of the task knows to count the zone's visitors again.
/// </summary>
public sealed record DueTask(
    string ZoneId,
    string ZoneKind,
    string RuleId,
    string RuleKind,
    string MeetingId,
    int Occurrence,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string Method,
    string? Agent,
    Strength? Strength,
    string? Target,
    int? MinMinutes,
    bool WhileOccupied = false,
    int? BringForwardAfterVisitors = null);
