namespace CivicHall.Occupancy.Floor;

/// <summary>
/// The live state of one hall's floor: totals kept with every movement, the door queue's length and
/// tickets, the day's reception count and the hall's on-site state. Every movement of the hall locks
/// this row first (the <c>occupancy_*</c> functions), so movements of one hall apply one after the
/// other and <see cref="Sequence"/> numbers them in commit order.
/// </summary>
public sealed class HallOccupancy
{
    public required string HallId { get; init; }

    public string TimeZone { get; set; } = string.Empty;

    /// <summary>open, restricted or suspended (DESIGN §2); suspended admits no one and closes the queue.</summary>
    public string OnSiteState { get; set; } = string.Empty;

    /// <summary>The policy version the zones' capacities were computed under; 0 before any policy.</summary>
    public int PolicyVersion { get; set; }

    /// <summary>Public people inside (the sum of the public zones' counts).</summary>
    public int Inside { get; set; }

    /// <summary>The sum of the public zones' capacities (0 for a closed zone).</summary>
    public int Capacity { get; set; }

    public int QueueLength { get; set; }

    /// <summary>Staff and couriers on site: recorded for tracing, outside the public capacity and the quota.</summary>
    public int StaffPresent { get; set; }

    public int? DailyQuota { get; set; }

    /// <summary>The local date <see cref="ReceivedToday"/> and <see cref="LastTicket"/> count for.</summary>
    public DateOnly ReceptionDate { get; set; }

    /// <summary>Visitors received that day: let in or queued (so the queue never outruns the quota).</summary>
    public int ReceivedToday { get; set; }

    public int LastTicket { get; set; }

    public List<int> AlertLevels { get; set; } = [];

    public int AlertCooldownSeconds { get; set; }

    public int RetentionDays { get; set; }

    /// <summary>Numbers every change of the hall; the stream's event ids.</summary>
    public long Sequence { get; set; }

    /// <summary>The sequence last announced in <c>OccupancyChanged</c>, and when (throttling).</summary>
    public long AnnouncedSequence { get; set; }

    public DateTimeOffset AnnouncedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
