namespace CivicHall.Contracts.Occupancy.V1;

/// <summary>
/// A zone was closed (capacity 0) on an incident's order; <see cref="PeopleInside"/> are to be moved
/// out. It reopens only after its terminal disinfection or a duty leader's audited override.
/// </summary>
public sealed record ZoneClosed(
    string HallId,
    string ZoneId,
    string Reason,
    string? IncidentId,
    int PeopleInside,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
