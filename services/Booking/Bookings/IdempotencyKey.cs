namespace CivicHall.Booking.Bookings;

/// <summary>
/// An <c>Idempotency-Key</c> a caller used to create a booking, with a hash of the request: the same
/// key and body again returns the same booking, the same key with another body is refused.
/// Keys are scoped per caller (the token's subject), so callers cannot collide.
/// </summary>
public sealed class IdempotencyKey
{
    public required string Scope { get; init; }

    public required string Key { get; init; }

    public required string RequestHash { get; init; }

    public Guid BookingId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
