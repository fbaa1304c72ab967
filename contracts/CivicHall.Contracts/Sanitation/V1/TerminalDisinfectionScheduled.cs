namespace CivicHall.Contracts.Sanitation.V1;

/// <summary>
/// Sanitation opened a terminal disinfection task (终末消毒) for a zone closed by an incident's order (its
/// acknowledgement of <c>ZoneClosureOrdered</c>). <see cref="ZoneSanitized"/> follows when it is recorded and confirmed.
/// </summary>
/// <param name="TaskId">The terminal task.</param>
/// <param name="HallId">The hall.</param>
/// <param name="ZoneId">The zone.</param>
/// <param name="IncidentId">The case of the order, if any.</param>
/// <param name="ContainmentId">The containment action in incident, when the order came from one.</param>
/// <param name="OccurredAt">When the task was opened.</param>
public sealed record TerminalDisinfectionScheduled(
    Guid TaskId,
    string HallId,
    string ZoneId,
    string? IncidentId,
    Guid? ContainmentId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
