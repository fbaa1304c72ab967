namespace CivicHall.Contracts.Occupancy.V1;

/// <summary>
/// A zone was closed (capacity 0) on an incident's order; <see cref="PeopleInside"/> are to be moved
/// out. It reopens only after its terminal disinfection or a duty leader's audited override.
/// </summary>
/// <param name="HallId">The hall.</param>
/// <param name="ZoneId">The closed zone.</param>
/// <param name="Reason">Why, from the order.</param>
/// <param name="IncidentId">The case of the order, if any.</param>
/// <param name="PeopleInside">People in the zone when it closed, to be moved out.</param>
/// <param name="OccurredAt">When it closed.</param>
/// <param name="ContainmentId">
/// The containment action in incident that ordered it (occupancy's acknowledgement). Added to V1 later: a message
/// from before it reads null.
/// </param>
public sealed record ZoneClosed(
    string HallId,
    string ZoneId,
    string Reason,
    string? IncidentId,
    int PeopleInside,
    DateTimeOffset OccurredAt,
    Guid? ContainmentId = null) : IIntegrationEvent;
