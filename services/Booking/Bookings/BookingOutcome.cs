namespace CivicHall.Booking.Bookings;

/// <summary>What <c>booking_confirm</c> decided: a new booking, a replay of an earlier one, or why not.</summary>
public sealed record BookingOutcome(string Outcome, Guid? BookingId)
{
    public const string Confirmed = "confirmed";
    public const string Replayed = "replayed";
    public const string IdempotencyConflict = "idempotency_conflict";

    /// <summary>The hall, its policy or its items changed after the request was decided on the cached catalog.</summary>
    public const string CatalogChanged = "catalog_changed";
}
