namespace CivicHall.Contracts.Bookings.V1;

/// <summary>
/// A booking was moved to another slot: by a re-plan (hours, policy or items changed) that left no room for it
/// in its own (the same day), by a zone closure (a later day), or by the citizen (改约, any day the booking
/// window allows). Carries the new window, so screening expects the visitor then, and the reason
/// (<see cref="BookingMoveReasons"/>), so the citizen can be told.
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

/// <summary>Every reason a booking moves for: the re-plan's (<see cref="ReplanReasons"/>), containment's and the citizen's own.</summary>
public static class BookingMoveReasons
{
    /// <inheritdoc cref="ReplanReasons.SlotWithdrawn"/>
    public const string SlotWithdrawn = ReplanReasons.SlotWithdrawn;

    /// <inheritdoc cref="ReplanReasons.CapacityReduced"/>
    public const string CapacityReduced = ReplanReasons.CapacityReduced;

    /// <summary>The zone serving the booking's item was closed; the booking went to a later day.</summary>
    public const string ZoneClosed = CancelReasons.ZoneClosed;

    /// <summary>The citizen (or the portal for them) moved the booking to another slot of the same item (改约).</summary>
    public const string CitizenRescheduled = "citizen_rescheduled";
}
