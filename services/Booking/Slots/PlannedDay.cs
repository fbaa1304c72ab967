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

    public DateTimeOffset PlannedAt { get; set; }
}
