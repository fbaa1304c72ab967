namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// Containment: incident orders a zone closed (occupancy closes it and lists its people, sanitation
/// starts terminal disinfection, booking moves the zone's bookings).
/// </summary>
public sealed record ZoneClosureOrdered(
    string IncidentId,
    string HallId,
    string ZoneId,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
