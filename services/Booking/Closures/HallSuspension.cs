namespace CivicHall.Booking.Closures;

/// <summary>
/// On-site service of a hall suspended by incident's containment (<c>OnSiteServiceSuspended</c>) until it resumes
/// (<c>OnSiteServiceResumed</c>): booking records it itself, not waiting for occupancy's <c>HallConfigured</c>,
/// so no booking is taken in between. One open suspension per hall (a unique index on the rows without
/// <see cref="ResumedAt"/>); one that ended stays on record.
/// </summary>
public sealed class HallSuspension
{
    public long Id { get; init; }

    public required string HallId { get; init; }

    public DateTimeOffset SuspendedAt { get; init; }

    /// <summary>The case that caused it, if any.</summary>
    public string? IncidentId { get; init; }

    /// <summary>Incident's containment action, when the message carried one.</summary>
    public Guid? ContainmentId { get; init; }

    /// <summary>Why, as the duty leader wrote it.</summary>
    public required string Reason { get; init; }

    /// <summary>Bookings cancelled because of it.</summary>
    public int Cancelled { get; set; }

    public DateTimeOffset RecordedAt { get; init; }

    public DateTimeOffset? ResumedAt { get; set; }
}
