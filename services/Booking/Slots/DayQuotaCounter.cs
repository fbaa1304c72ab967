namespace CivicHall.Booking.Slots;

/// <summary>
/// A share (stripe) of a hall's daily quota. A booking takes one unit from a stripe with room as it
/// takes its place in a slot, so the day never exceeds its quota, and the bookings of a busy day
/// spread over the stripes instead of queueing behind one counter row.
/// </summary>
public sealed class DayQuotaCounter
{
    public required string HallId { get; init; }

    public DateOnly Date { get; init; }

    public short Stripe { get; init; }

    public int Capacity { get; set; }

    public int Taken { get; set; }
}
