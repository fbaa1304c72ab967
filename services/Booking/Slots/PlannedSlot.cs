namespace CivicHall.Booking.Slots;

/// <summary>
/// A slot as the plan wants it: <see cref="Capacity"/> bookings between <see cref="StartsAt"/> and
/// <see cref="EndsAt"/> at one window group, of which <see cref="Reserve"/> are kept for special
/// groups at the door.
/// </summary>
public sealed record PlannedSlot(string SlotId, string WindowGroup, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Reserve);
