namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// A case opened (应急处置): automatically from <c>AbnormalPersonDetected</c> (<see cref="ScreeningId"/> set) or by a
/// screener or duty leader. <see cref="Kind"/> is <c>abnormal_screening</c>, <c>case_notice</c>, <c>refusal</c> or
/// <c>staff_symptoms</c>; the person, when known, only by screening's key (never a clear ID number).
/// </summary>
public sealed record IncidentOpened(
    Guid IncidentId,
    string HallId,
    string Kind,
    string? PersonKey,
    string? PersonKind,
    Guid? ScreeningId,
    string? ZoneId,
    string OpenedBy,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
