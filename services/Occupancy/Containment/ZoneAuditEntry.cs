namespace CivicHall.Occupancy.Containment;

/// <summary>Who closed or reopened a zone by hand, when and why: an override of the sanitation rule is answered for.</summary>
public sealed class ZoneAuditEntry
{
    public long Id { get; init; }

    public required string HallId { get; init; }

    public required string ZoneId { get; init; }

    /// <summary>closed or reopened_override.</summary>
    public required string Action { get; init; }

    public required string By { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset At { get; init; }
}
