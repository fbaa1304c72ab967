namespace CivicHall.Booking.Bookings;

/// <summary>
/// What <c>booking_confirm</c> made of a request's bookings, single or batch: the outcome, the bookings as written,
/// the ids it answered (the new ones, or those first made under the same key), and the write it refused.
/// </summary>
public sealed record Confirmation(string Outcome, IReadOnlyList<Booking> Made, IReadOnlyList<Guid> BookingIds, int? RefusedAt)
{
    public static Confirmation Of(Booking booking, BookingOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(outcome.Outcome, [booking], outcome.BookingId is { } id ? [id] : [], null);
    }

    public static Confirmation Of(IReadOnlyList<BookingWrite> writes, BatchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(outcome);
        return new(outcome.Outcome, [.. writes.Select(w => w.Booking)], outcome.BookingIds, outcome.RefusedAt);
    }
}
