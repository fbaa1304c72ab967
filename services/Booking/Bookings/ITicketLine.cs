namespace CivicHall.Booking.Bookings;

/// <summary>
/// The calling queue (叫号, in <c>Calls/</c>) as bookings reach it: a ticket handed out at check-in joins its window
/// group's queue, serving a booking closes its call, and the booking's own view shows its place.
/// </summary>
public interface ITicketLine
{
    /// <summary>Adds the just checked-in booking's ticket to its group's queue (saved with the check-in).</summary>
    void Join(Booking booking, DateTimeOffset now);

    /// <summary>Takes a served booking's ticket out of the queue and closes its open call, in the serve's transaction.</summary>
    Task CloseServedAsync(Booking booking, string servedBy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Where a checked-in booking's ticket is now, or null when it is in no queue.</summary>
    Task<QueuePlace?> PlaceOfAsync(Booking booking, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// A checked-in ticket's place: <c>waiting</c> with its <c>position</c> among the not yet called tickets of its window
/// group in call order (1 is next), <c>ahead</c> of it and the estimated wait; or <c>called</c> to <c>windowId</c> at
/// <c>calledAt</c> (position 0).
/// </summary>
public sealed record QueuePlace(string State, int Position, int Ahead, int EstimatedWaitMinutes, string? WindowId, DateTimeOffset? CalledAt);
