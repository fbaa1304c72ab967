namespace CivicHall.Contracts.Bookings.V1;

/// <summary>
/// A booking was moved to another slot of the same day because a re-plan (hours, policy or items
/// changed) left no room for it in its own. Carries the new window, so screening and occupancy expect
/// the visitor then, and the reason, so the citizen can be told.
/// </summary>
public sealed record BookingMoved(
    Guid BookingId,
    string HallId,
    string FromSlotId,
    string ToSlotId,
    DateTimeOffset SlotStartsAt,
    DateTimeOffset SlotEndsAt,
    string PersonKey,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Why a re-plan moved or cancelled a booking.</summary>
public static class ReplanReasons
{
    /// <summary>The slot is gone: the hall's hours or the window groups changed.</summary>
    public const string SlotWithdrawn = "slot_withdrawn";

    /// <summary>The slot holds fewer places than it has bookings (fewer windows, a lower phase share…).</summary>
    public const string CapacityReduced = "capacity_reduced";
}
