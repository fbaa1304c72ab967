namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// On-site service of a hall resumes, explicitly and approved like the suspension, once every zone closed in the
/// meantime is sanitized (or an audited override). The door takes people again; booking takes bookings again.
/// </summary>
/// <param name="IncidentId">The case of the suspension, if any.</param>
/// <param name="HallId">The hall.</param>
/// <param name="OccurredAt">When service resumed (on approval).</param>
/// <param name="ContainmentId">The suspension's containment action. Added to V1 later: a message from before it reads null.</param>
public sealed record OnSiteServiceResumed(
    string? IncidentId,
    string HallId,
    DateTimeOffset OccurredAt,
    Guid? ContainmentId = null) : IIntegrationEvent;
