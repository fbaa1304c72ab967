namespace CivicHall.Contracts.Sanitation.V1;

/// <summary>
/// A sanitation task was not recorded by the end of its window plus the plan's grace (<c>Level</c>
/// <c>overdue</c>: the task is now <c>missed</c>), or was still not recorded a further interval later and
/// goes to the duty leader (<c>escalated</c>). Each task raises each level at most once; a hall raises at
/// most one escalation per cool-down, and <c>SuppressedEscalations</c> counts the tasks held back since the
/// last one.
/// </summary>
public sealed record SanitationTaskOverdue(
    Guid TaskId,
    string HallId,
    string ZoneId,
    string ZoneKind,
    string RuleId,
    string RuleKind,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string Level,
    int SuppressedEscalations,
    DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public const string Overdue = "overdue";
    public const string Escalated = "escalated";
}
