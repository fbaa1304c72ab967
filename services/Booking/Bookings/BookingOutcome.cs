namespace CivicHall.Booking.Bookings;

/// <summary>What <c>booking_confirm</c> decided: a new booking, a replay of an earlier one, or why not.</summary>
public sealed record BookingOutcome(string Outcome, Guid? BookingId)
{
    public const string Confirmed = "confirmed";
    public const string Replayed = "replayed";
    public const string IdempotencyConflict = "idempotency_conflict";

    /// <summary>The hall, its policy or its items changed after the request was decided on the cached catalog.</summary>
    public const string CatalogChanged = "catalog_changed";

    /// <summary><c>booking_reschedule</c> moved the booking.</summary>
    public const string Moved = "moved";

    /// <summary>Not confirmed (checked in, served, no-show, cancelled) or holding no place: it cannot be moved.</summary>
    public const string NotReschedulable = "not_reschedulable";

    /// <summary>Moved as often as the policy allows.</summary>
    public const string RescheduleLimitReached = "reschedule_limit_reached";

    /// <summary>Changed by another request since it was read.</summary>
    public const string ConcurrentUpdate = "concurrent_update";
}
