namespace CivicHall.Sanitation.Tasks;

/// <summary>What the schedule needs of a registered meeting: its room and its times.</summary>
public sealed record ScheduledMeeting(string MeetingId, string ZoneId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
