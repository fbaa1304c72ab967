namespace CivicHall.Booking.Slots;

/// <summary>One place in a slot; <see cref="BookingId"/> is set while a booking holds it.</summary>
public sealed class SlotSeat
{
    public required string HallId { get; init; }

    public required string SlotId { get; init; }

    public int SeatNo { get; init; }

    /// <summary>Kept for special groups booking at the door; online channels cannot take it.</summary>
    public bool Reserved { get; set; }

    public Guid? BookingId { get; set; }
}
