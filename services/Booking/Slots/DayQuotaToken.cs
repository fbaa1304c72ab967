namespace CivicHall.Booking.Slots;

/// <summary>
/// One unit of a hall's daily quota. A booking takes a free token as it takes a seat, so the day can
/// never exceed its quota, and bookings of different slots do not queue behind one counter row.
/// </summary>
public sealed class DayQuotaToken
{
    public required string HallId { get; init; }

    public DateOnly Date { get; init; }

    public int TokenNo { get; init; }

    public Guid? BookingId { get; set; }
}
