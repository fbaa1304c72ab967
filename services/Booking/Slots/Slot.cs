namespace CivicHall.Booking.Slots;

/// <summary>
/// A bookable time window at one window group of a hall. Its places are counted in
/// <see cref="SlotPlaceCounter"/> stripes whose taken places can never pass their capacity, so a slot
/// can never hold more bookings than it has places, however many requests race for it.
/// </summary>
public sealed class Slot
{
    public required string HallId { get; init; }

    public required string SlotId { get; init; }

    public DateOnly Date { get; init; }

    public required string WindowGroup { get; init; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public int Capacity { get; set; }

    public int Reserve { get; set; }

    /// <summary>Open, or withdrawn when a re-plan no longer has it.</summary>
    public SlotStatus Status { get; set; } = SlotStatus.Open;
}
