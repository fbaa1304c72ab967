namespace CivicHall.Contracts.Bookings.V1;

/// <summary>A confirmed booking was not checked in before its check-in window closed.</summary>
public sealed record BookingNoShow(
    Guid BookingId,
    string HallId,
    string SlotId,
    string PersonKey,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
