namespace CivicHall.Booking.Slots;

/// <summary>
/// A share (stripe) of a slot's places: a booking takes one place from a stripe with room that no
/// other booking in flight holds, so concurrent bookings of one slot spread over its stripes instead of
/// queueing behind one counter row. The slot's places are the sum over its stripes.
/// </summary>
public sealed class SlotPlaceCounter
{
    public required string HallId { get; init; }

    public required string SlotId { get; init; }

    /// <summary>Kept for special groups booking at the door; online channels cannot take it.</summary>
    public bool Reserved { get; init; }

    public short Stripe { get; init; }

    public int Capacity { get; set; }

    public int Taken { get; set; }
}
