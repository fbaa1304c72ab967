namespace CivicHall.Booking.Slots;

/// <summary>
/// What the slots of a hall-day were last planned from. When any input changes (hall version, policy
/// version, the items' stamp) the day is planned again.
/// </summary>
public sealed class PlannedDay
{
    public required string HallId { get; init; }

    public DateOnly Date { get; init; }

    public long HallVersion { get; set; }

    public int PolicyVersion { get; set; }

    public string ItemsStamp { get; set; } = string.Empty;

    /// <summary>The hall's catalog version when the day was last checked against its inputs.</summary>
    public long CatalogVersion { get; set; }

    /// <summary>The daily quota the day was planned with: quota released above it is dropped, not freed.</summary>
    public int DailyQuota { get; set; }

    public DateTimeOffset PlannedAt { get; set; }
}
