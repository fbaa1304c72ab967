namespace CivicHall.Contracts.Occupancy.V1;

/// <summary>
/// A closed zone took people again: <see cref="ReopenedBy"/> is <c>sanitized</c> (its terminal
/// disinfection was completed) or <c>override</c> (a duty leader, named in <see cref="OverriddenBy"/>).
/// </summary>
public sealed record ZoneReopened(
    string HallId,
    string ZoneId,
    string ReopenedBy,
    string? OverriddenBy,
    int Capacity,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
