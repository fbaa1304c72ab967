namespace CivicHall.Contracts.Incidents.V1;

/// <summary>On-site service of a hall resumes, explicitly, after a suspension.</summary>
public sealed record OnSiteServiceResumed(
    string? IncidentId,
    string HallId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
