namespace CivicHall.Booking.Slots;

/// <summary>
/// What slots need of the bookings that hold their places: how many were served, and a place for those a re-plan
/// displaced. Bookings implement it: they are made in slots, so slots must not depend on them.
/// </summary>
public interface ISlotBookings
{
    /// <summary>How many bookings of a hall's day were served (办结), per slot; of one window group when given.</summary>
    Task<Dictionary<string, int>> ServedAsync(string hallId, DateOnly day, string? windowGroup, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the bookings that the day's re-planned <paramref name="slots"/> no longer hold to other places, or cancels
    /// them when there is none. Runs inside the re-plan's transaction, on its database context.
    /// </summary>
    Task MoveDisplacedAsync(string hallId, DateOnly day, IReadOnlyList<Slot> slots, CancellationToken cancellationToken);
}
