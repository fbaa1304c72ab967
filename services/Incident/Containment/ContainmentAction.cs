namespace CivicHall.Incident.Containment;

/// <summary>
/// A containment action of a hall (seed 003): a zone closed, on-site service suspended or resumed. A closure takes
/// effect when ordered; a suspension or resumption when a second person with the <c>ops</c> role approves it. Its
/// participants' acknowledgements are <see cref="ContainmentAcknowledgement"/> rows. The state moves only by the
/// conditional UPDATEs of <see cref="ContainmentStore"/>; partial unique indexes keep one open closure per zone and
/// one open suspension per hall.
/// </summary>
public sealed class ContainmentAction
{
    public required Guid ContainmentId { get; init; }

    public required string HallId { get; init; }

    public ContainmentKind Kind { get; init; }

    public ContainmentState State { get; init; }

    /// <summary>The closed zone (zone closure only).</summary>
    public string? ZoneId { get; init; }

    /// <summary>The case that caused it, when given (a case of the same hall).</summary>
    public Guid? IncidentId { get; init; }

    /// <summary>The suspension a resumption ends (resumption only).</summary>
    public Guid? SuspensionId { get; init; }

    public required string Reason { get; init; }

    public required string RequestedBy { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>When it took effect (and its event was published): ordered, or approved.</summary>
    public DateTimeOffset? EffectiveAt { get; init; }

    public string? ApprovedBy { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>The county government's consent (its document or call reference), recorded with the approval.</summary>
    public string? GovernmentConsentRef { get; init; }

    public string? ApprovalNotes { get; init; }

    public string? WithdrawnBy { get; init; }

    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>A resumption's audited override of unsanitized zones: why (who and when are the requester's).</summary>
    public string? OverrideReason { get; init; }

    /// <summary>The zones still unsanitized when the overriding resumption took effect.</summary>
    public List<string> OverriddenZones { get; init; } = [];

    /// <summary>A closure: when sanitation's ZoneSanitized arrived for its zone.</summary>
    public DateTimeOffset? SanitizedAt { get; init; }

    /// <summary>A closure: when occupancy reopened its zone (ZoneReopened), and how: <c>sanitized</c> or <c>override</c>.</summary>
    public DateTimeOffset? ReopenedAt { get; init; }

    public string? ReopenedBy { get; init; }

    /// <summary>A suspension: when its resumption was approved, and which.</summary>
    public DateTimeOffset? ResumedAt { get; init; }

    public Guid? ResumedBy { get; init; }

    /// <summary>Of the request: the same containmentId with another body is refused.</summary>
    public required string Fingerprint { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// One participant's acknowledgement of a containment action: expected from when the action took effect, set once by
/// its answering event (with what it did), flagged <c>overdue</c> once by the sweep when it is late.
/// </summary>
public sealed class ContainmentAcknowledgement
{
    public required Guid ContainmentId { get; init; }

    /// <summary><see cref="ContainmentParticipants"/>.</summary>
    public required string Participant { get; init; }

    public DateTimeOffset ExpectedSince { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>When the sweep found it late (set once; the warning is logged then).</summary>
    public DateTimeOffset? OverdueAt { get; set; }

    /// <summary>Occupancy: people in the closed zone, or inside the hall, when it applied the action.</summary>
    public int? PeopleInside { get; set; }

    /// <summary>Occupancy: people in the door queue sent away by a suspension.</summary>
    public int? QueueSentAway { get; set; }

    /// <summary>Sanitation: the terminal disinfection task.</summary>
    public Guid? TaskId { get; set; }

    /// <summary>Booking: bookings moved to another slot.</summary>
    public int? Moved { get; set; }

    /// <summary>Booking: bookings cancelled.</summary>
    public int? Cancelled { get; set; }
}
