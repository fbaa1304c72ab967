namespace CivicHall.Contracts.Sanitation.V1;

/// <summary>
/// A zone's terminal disinfection (终末消毒) was completed and recorded; a zone closed by an incident
/// may take people again.
/// </summary>
public sealed record ZoneSanitized(
    Guid TaskId,
    string HallId,
    string ZoneId,
    DateTimeOffset CompletedAt,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
