namespace CivicHall.Booking.Bookings;

/// <summary>
/// How many active bookings a person holds. Raised only by a conditional update that refuses to pass
/// the policy's limit, so two concurrent requests of one person cannot both slip under it.
/// </summary>
public sealed class PersonActiveBookings
{
    public required string PersonKey { get; init; }

    public int Active { get; set; }
}
