namespace CivicHall.Contracts.Bookings.V1;

/// <summary>A booking was cancelled (by the citizen, staff, or because on-site service stopped).</summary>
public sealed record BookingCancelled(
    Guid BookingId,
    string HallId,
    string SlotId,
    string PersonKey,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
