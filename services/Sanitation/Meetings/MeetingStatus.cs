namespace CivicHall.Sanitation.Meetings;

/// <summary>Whether a registered meeting still takes place; stored and shown as its wire name.</summary>
public enum MeetingStatus
{
    Scheduled,
    Cancelled,
}

public static class MeetingStatuses
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";

    public static string Name(MeetingStatus status) => status == MeetingStatus.Cancelled ? Cancelled : Scheduled;

    public static MeetingStatus Parse(string name) => name switch
    {
        Scheduled => MeetingStatus.Scheduled,
        Cancelled => MeetingStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
