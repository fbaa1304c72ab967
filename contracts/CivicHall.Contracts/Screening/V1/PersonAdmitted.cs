namespace CivicHall.Contracts.Screening.V1;

/// <summary>
/// A person passed the entrance checks (published by screening, consumed by occupancy to let them in or
/// queue them). <see cref="PriorityGroup"/> is <c>elderly</c> or <c>disabled</c> for the door queue's
/// priority, else null. Never a clear ID number, only the person key.
/// </summary>
public sealed record PersonAdmitted(
    Guid ScreeningId,
    string HallId,
    string PersonKey,
    string PersonKind,
    string? PriorityGroup,
    string? Lane,
    int PolicyVersion,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
