namespace CivicHall.Sanitation;

/// <summary>The sanitation service's problem codes (stable, part of the API) and their zh-CN / en messages.</summary>
public static class SanitationProblems
{
    public const string HallUnknown = "hall_unknown";
    public const string ZoneUnknown = "zone_unknown";
    public const string NotAMeetingRoom = "not_a_meeting_room";
    public const string MeetingTooLarge = "meeting_too_large";
    public const string MeetingTooLong = "meeting_too_long";
    public const string MeetingUnknown = "meeting_unknown";

    public static void Register()
    {
        ProblemCatalog.Add(HallUnknown, "办事大厅不存在或尚未同步", "The hall does not exist or is not known to this service yet.");
        ProblemCatalog.Add(ZoneUnknown, "该区域不存在", "The hall has no such zone.");
        ProblemCatalog.Add(NotAMeetingRoom, "该区域不是会议室", "The zone is not a meeting room.");
        ProblemCatalog.Add(MeetingTooLarge, "参会人数超过会议室上限", "More attendees are expected than the meeting room may hold under the plan.");
        ProblemCatalog.Add(MeetingTooLong, "会议时间超过上限", "The meeting is longer than the plan allows.");
        ProblemCatalog.Add(MeetingUnknown, "该会议不存在", "The hall has no such meeting.");
    }
}
