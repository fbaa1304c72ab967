namespace CivicHall.Contracts.Bookings.V1;

/// <summary>
/// A booking was confirmed (published by booking). Carries what screening needs to admit the visitor
/// in their window and occupancy to expect them: never a clear ID number, only the person key.
/// </summary>
public sealed record BookingConfirmed(
    Guid BookingId,
    string HallId,
    string ItemId,
    string WindowGroup,
    string SlotId,
    DateTimeOffset SlotStartsAt,
    DateTimeOffset SlotEndsAt,
    string PersonKey,
    string Channel,
    string Kind,
    string? AgentId,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
