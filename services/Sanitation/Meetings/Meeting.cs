namespace CivicHall.Sanitation.Meetings;

/// <summary>
/// A meeting in one of the hall's meeting rooms, registered with sanitation so the room is disinfected
/// before and after it (seed 000 §四.3). Cancelling keeps the row, so its tasks are skipped with a reason.
/// </summary>
public sealed class Meeting
{
    public required string HallId { get; init; }

    public required string MeetingId { get; init; }

    public required string ZoneId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public int ExpectedAttendees { get; set; }

    public string? Title { get; set; }

    public MeetingStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;
}
