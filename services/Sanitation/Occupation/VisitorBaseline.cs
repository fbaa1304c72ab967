namespace CivicHall.Sanitation.Occupation;

/// <summary>
/// Where a zone's count of visitors stood when a task of a rule was last recorded there: the visitors it received
/// since are <c>ZoneOccupancyState.Visitors</c> minus <see cref="Visitors"/>. Its row is also the lock that orders a
/// record resetting the count and visitors bringing the next task forward.
/// </summary>
public sealed class VisitorBaseline
{
    public required string HallId { get; init; }

    public required string ZoneId { get; init; }

    public required string RuleId { get; init; }

    public long Visitors { get; set; }

    /// <summary>When a record last reset it; null before the first.</summary>
    public DateTimeOffset? ResetAt { get; set; }
}
