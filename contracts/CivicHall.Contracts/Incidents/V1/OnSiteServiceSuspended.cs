namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// On-site service of a hall is suspended (暂停现场服务), a leadership decision approved by a second person: only
/// online, phone and agent channels remain. Occupancy sends the door queue away and admits no one until
/// <see cref="OnSiteServiceResumed"/> (answering <c>OnSiteStateApplied</c>); booking cancels the affected bookings
/// with the item's online route (answering <c>ContainmentBookingsHandled</c>).
/// </summary>
/// <param name="IncidentId">The case that caused it, if any.</param>
/// <param name="HallId">The hall.</param>
/// <param name="Reason">Why, as the duty leader wrote it (told to citizens whose bookings are cancelled).</param>
/// <param name="OccurredAt">When the suspension took effect (on approval).</param>
/// <param name="ContainmentId">The containment action in incident. Added to V1 later: a message from before it reads null.</param>
public sealed record OnSiteServiceSuspended(
    string? IncidentId,
    string HallId,
    string Reason,
    DateTimeOffset OccurredAt,
    Guid? ContainmentId = null) : IIntegrationEvent;
