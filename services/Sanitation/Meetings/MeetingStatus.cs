using System.Text.Json.Serialization;

namespace CivicHall.Sanitation.Meetings;

/// <summary>Whether a registered meeting still takes place; stored and shown as its wire name.</summary>
public enum MeetingStatus
{
    [JsonStringEnumMemberName(MeetingStatuses.Scheduled)]
    Scheduled,

    [JsonStringEnumMemberName(MeetingStatuses.Cancelled)]
    Cancelled,
}

/// <summary>The wire names of <see cref="MeetingStatus"/>.</summary>
public static class MeetingStatuses
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
}
