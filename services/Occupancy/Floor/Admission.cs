namespace CivicHall.Occupancy.Floor;

/// <summary>
/// One person's visit to a hall, from the door onwards: queued, inside (in a zone), exited — or turned
/// away at the door (quota, suspension). Its id is the screening that let the person through, so the
/// same admission can never count twice. Kept for contact tracing until <see cref="PurgeAfter"/>.
/// </summary>
public sealed class Admission
{
    public Guid Id { get; init; }

    public required string HallId { get; init; }

    public required string PersonKey { get; init; }

    public required string PersonKind { get; init; }

    /// <summary>elderly or disabled: queued ahead of the others.</summary>
    public string? PriorityGroup { get; init; }

    public required AdmissionState State { get; set; }

    /// <summary>Why a person was turned away or left the queue (quota_reached, on_site_suspended…).</summary>
    public string? Reason { get; set; }

    /// <summary>The door-queue ticket of the day, when the person was queued.</summary>
    public int? Ticket { get; set; }

    /// <summary>0 for priority groups, 1 for the others: the queue is ordered by rank, then arrival.</summary>
    public int? QueueRank { get; set; }

    public long? QueuedSeq { get; set; }

    public string? ZoneId { get; set; }

    public string? Lane { get; init; }

    public DateTimeOffset ArrivedAt { get; init; }

    public DateTimeOffset? AdmittedAt { get; set; }

    public DateTimeOffset? ExitedAt { get; set; }

    /// <summary>The exit device's own id for the exit, so a retried exit is answered, not counted again.</summary>
    public Guid? ExitId { get; set; }

    public string? ExitGate { get; set; }

    public DateTimeOffset PurgeAfter { get; init; }

    /// <summary>The incident case that holds the record past its retention; null when none.</summary>
    public string? HeldBy { get; set; }
}
