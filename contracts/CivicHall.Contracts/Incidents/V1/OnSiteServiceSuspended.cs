namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// On-site service of a hall is suspended (暂停现场服务): only online, phone and agent channels remain.
/// Occupancy closes the door queue and admits no one until <see cref="OnSiteServiceResumed"/>.
/// </summary>
public sealed record OnSiteServiceSuspended(
    string? IncidentId,
    string HallId,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
