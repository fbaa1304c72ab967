namespace CivicHall.Sanitation.Occupation;

/// <summary>
/// One zone as occupancy last announced it (<c>OccupancyChanged</c>, the newest by <see cref="Sequence"/>):
/// sanitation's own projection, so it never reads occupancy's tables. <see cref="Visitors"/> is sanitation's
/// running count of people the zone received since it first heard of the zone, from the differences of
/// occupancy's <c>Entered</c> (which may start again from 0 when a zone is removed and added back).
/// </summary>
public sealed class ZoneOccupancyState
{
    public required string HallId { get; init; }

    public required string ZoneId { get; init; }

    public string ZoneKind { get; set; } = string.Empty;

    /// <summary>The hall's sequence of the event last applied; older events are ignored.</summary>
    public long Sequence { get; set; }

    /// <summary>People in the zone then.</summary>
    public int Count { get; set; }

    /// <summary>Occupancy's running count of entries, as last announced.</summary>
    public long Entered { get; set; }

    /// <summary>People received since sanitation first heard of the zone.</summary>
    public long Visitors { get; set; }

    /// <summary>
    /// The earliest announcement applied (its <c>OccurredAt</c>): before then, whether the zone was occupied is not
    /// known. A newer announcement stamped earlier (another occupancy replica's clock) moves it back.
    /// </summary>
    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>The announcement last applied (its <c>OccurredAt</c>).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Takes a newer announcement's figures; returns the visitors received since the last one.</summary>
    public long Apply(long sequence, int count, long entered, string zoneKind, DateTimeOffset at)
    {
        // Entered only grows; a smaller one means occupancy counts the zone again from 0.
        var received = entered >= Entered ? entered - Entered : entered;
        Visitors += received;
        Entered = entered;
        Count = count;
        ZoneKind = zoneKind;
        Sequence = sequence;
        UpdatedAt = at;
        if (at < FirstSeenAt)
        {
            FirstSeenAt = at;
        }

        return received;
    }
}
