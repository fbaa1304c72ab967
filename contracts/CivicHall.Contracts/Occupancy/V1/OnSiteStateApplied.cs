namespace CivicHall.Contracts.Occupancy.V1;

/// <summary>
/// Occupancy applied a suspension or resumption of on-site service at the door (its acknowledgement of
/// <c>OnSiteServiceSuspended</c> and <c>OnSiteServiceResumed</c>).
/// </summary>
/// <param name="HallId">The hall.</param>
/// <param name="State"><c>suspended</c> or <c>open</c> (<c>OnSiteStates</c>).</param>
/// <param name="QueueSentAway">People in the door queue sent away by a suspension (0 on resumption).</param>
/// <param name="PeopleInside">People still inside the hall when it was applied (they finish or are led out).</param>
/// <param name="ContainmentId">The containment action in incident, when the change came from one.</param>
/// <param name="OccurredAt">When it was applied.</param>
public sealed record OnSiteStateApplied(
    string HallId,
    string State,
    int QueueSentAway,
    int PeopleInside,
    Guid? ContainmentId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
