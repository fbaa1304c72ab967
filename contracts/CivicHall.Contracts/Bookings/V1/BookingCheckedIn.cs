namespace CivicHall.Contracts.Bookings.V1;

/// <summary>
/// A visitor checked in for their booking and took a queue ticket (取号). <see cref="SpecialGroup"/>
/// (elderly, disabled) is served first.
/// </summary>
public sealed record BookingCheckedIn(
    Guid BookingId,
    string HallId,
    string SlotId,
    string PersonKey,
    int TicketNumber,
    string? SpecialGroup,
    DateTimeOffset CheckedInAt,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
