namespace CivicHall.Contracts.Screening.V1;

/// <summary>
/// A person passed the entrance checks (published by screening, consumed by occupancy to let them in or
/// queue them). <see cref="PriorityGroup"/> is <c>elderly</c> or <c>disabled</c> for the door queue's
/// priority, else null. Never a clear ID number, only the person key. <see cref="StaffId"/> is the staff
/// member's id when <see cref="PersonKind"/> is <c>staff</c> and screening holds their health file (一人一档,
/// the file binds the id to the person key), else null: sanitation's daily masks know who is on duty by it.
/// </summary>
public sealed record PersonAdmitted(
    Guid ScreeningId,
    string HallId,
    string PersonKey,
    string PersonKind,
    string? PriorityGroup,
    string? Lane,
    int PolicyVersion,
    DateTimeOffset OccurredAt,
    string? StaffId = null) : IIntegrationEvent;
