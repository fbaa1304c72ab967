namespace CivicHall.Occupancy.Floor;

/// <summary>A stay of one person in one zone, for contact tracing: who was where, from when to when.</summary>
public sealed class ZonePresence
{
    public long Id { get; init; }

    public Guid AdmissionId { get; init; }

    public required string HallId { get; init; }

    public required string ZoneId { get; init; }

    public required string PersonKey { get; init; }

    public DateTimeOffset EnteredAt { get; init; }

    public DateTimeOffset? LeftAt { get; set; }

    public DateTimeOffset PurgeAfter { get; init; }
}
