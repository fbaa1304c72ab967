namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// Containment: incident orders a zone closed (occupancy closes it and lists its people, sanitation
/// starts terminal disinfection, booking moves or cancels the zone's bookings). Each participant answers with its
/// own event carrying <see cref="ContainmentId"/> (<c>ZoneClosed</c>, <c>TerminalDisinfectionScheduled</c>,
/// <c>ContainmentBookingsHandled</c>), so incident can show who has acknowledged.
/// </summary>
/// <param name="IncidentId">The case that caused it (text: empty for a closure ordered without a case).</param>
/// <param name="HallId">The hall.</param>
/// <param name="ZoneId">The zone to close.</param>
/// <param name="Reason">Why, as the duty leader wrote it.</param>
/// <param name="OccurredAt">When it was ordered.</param>
/// <param name="ContainmentId">The containment action in incident. Added to V1 later: a message from before it reads null.</param>
public sealed record ZoneClosureOrdered(
    string IncidentId,
    string HallId,
    string ZoneId,
    string Reason,
    DateTimeOffset OccurredAt,
    Guid? ContainmentId = null) : IIntegrationEvent;
