namespace CivicHall.Contracts.Bookings.V1;

/// <summary>
/// A checked-in visitor was served at a window (办结): the booking's visit is over. Carries what the day's
/// figures are made of (hall, the hall's local <see cref="Date"/>, slot, item and window group, kind,
/// ticket, when they checked in and were served, at which window and by whom) so that a consumer needs no
/// other event to count it; never a clear ID number, only the person key. <see cref="WindowId"/> is null
/// when the staff member did not say; <see cref="ServedBy"/> is the subject of the staff member's token.
/// </summary>
public sealed record BookingServed(
    Guid BookingId,
    string HallId,
    DateOnly Date,
    string SlotId,
    DateTimeOffset SlotStartsAt,
    string ItemId,
    string WindowGroup,
    string Kind,
    string PersonKey,
    int TicketNumber,
    DateTimeOffset CheckedInAt,
    string? WindowId,
    string ServedBy,
    DateTimeOffset ServedAt,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
