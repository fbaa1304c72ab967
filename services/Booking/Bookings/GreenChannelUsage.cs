namespace CivicHall.Booking.Bookings;

/// <summary>Green-channel bookings made for a hall-day, held under the policy's daily limit.</summary>
public sealed class GreenChannelUsage
{
    public required string HallId { get; init; }

    public DateOnly Date { get; init; }

    public int Used { get; set; }
}
