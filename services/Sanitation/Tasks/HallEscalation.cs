namespace CivicHall.Sanitation.Tasks;

/// <summary>A hall's escalation cool-down: when the last escalation went out and how many were held back since.</summary>
public sealed class HallEscalation
{
    public required string HallId { get; init; }

    public DateTimeOffset? LastEscalatedAt { get; set; }

    /// <summary>Tasks whose escalation was held back by the cool-down since the last one; the next one carries the count.</summary>
    public int Suppressed { get; set; }
}
