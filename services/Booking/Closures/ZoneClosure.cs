namespace CivicHall.Booking.Closures;

/// <summary>
/// A zone of a hall closed by incident's containment (<c>ZoneClosureOrdered</c>) until occupancy reopens it
/// (<c>ZoneReopened</c>): the window groups whose policy names the zone take no bookings meanwhile. One open
/// closure per hall and zone (a unique index on the rows without <see cref="ReopenedAt"/>); a closure reopened
/// stays on record.
/// </summary>
public sealed class ZoneClosure
{
    public long Id { get; init; }

    public required string HallId { get; init; }

    public required string ZoneId { get; init; }

    /// <summary>When the closure was ordered (the order's time): its day, in the hall's time zone, is the day whose bookings move.</summary>
    public DateTimeOffset ClosedAt { get; init; }

    /// <summary>The case that caused it (empty for a closure ordered without a case).</summary>
    public required string IncidentId { get; init; }

    /// <summary>Incident's containment action, when the order carried one.</summary>
    public Guid? ContainmentId { get; init; }

    /// <summary>Bookings moved to a later day because of it.</summary>
    public int Moved { get; set; }

    /// <summary>Bookings cancelled because of it (no later place).</summary>
    public int Cancelled { get; set; }

    public DateTimeOffset RecordedAt { get; init; }

    public DateTimeOffset? ReopenedAt { get; set; }
}
