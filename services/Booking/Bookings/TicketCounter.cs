namespace CivicHall.Booking.Bookings;

/// <summary>The last queue ticket number (取号) handed out in a hall on a day.</summary>
public sealed class TicketCounter
{
    public required string HallId { get; init; }

    public DateOnly Date { get; init; }

    public int Last { get; set; }
}
