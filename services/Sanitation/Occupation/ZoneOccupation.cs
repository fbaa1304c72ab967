namespace CivicHall.Sanitation.Occupation;

/// <summary>
/// A stretch of time a zone held someone, by occupancy's announcements: from the first one with a count
/// above 0 to the first one with 0 after it (<see cref="Until"/> null while it lasts). The overdue sweep asks
/// whether one touches a task's window. Times are the announcements', so each end is late by up to
/// occupancy's throttle (a few seconds).
/// </summary>
public sealed class ZoneOccupation
{
    public long Id { get; init; }

    public required string HallId { get; init; }

    public required string ZoneId { get; init; }

    public DateTimeOffset From { get; init; }

    public DateTimeOffset? Until { get; set; }
}
