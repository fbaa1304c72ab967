namespace CivicHall.Occupancy.Problems;

/// <summary>The occupancy service's problem codes (stable, part of the API) and their zh-CN / en messages.</summary>
public static class OccupancyProblems
{
    public const string HallUnknown = "hall_unknown";
    public const string ZoneUnknown = "zone_unknown";
    public const string ZoneOccupied = "zone_occupied";
    public const string ZoneFull = "zone_full";
    public const string ZoneClosed = "zone_closed";
    public const string ZoneNotClosed = "zone_not_closed";
    public const string AlreadyThere = "already_there";
    public const string NotInside = "not_inside";
    public const string NotQueued = "not_queued";
    public const string ExitIdReused = "exit_id_reused";
    public const string LiveFeedUnavailable = "live_feed_unavailable";

    public static void Register()
    {
        ProblemCatalog.Add(HallUnknown, "办事大厅不存在或尚未同步", "The hall does not exist or is not known to this service yet.");
        ProblemCatalog.Add(ZoneUnknown, "该区域不存在", "The hall has no such zone.");
        ProblemCatalog.Add(ZoneOccupied, "区域内仍有人员，请先疏导后再删除", "The zone still holds people; move them out before removing it.");
        ProblemCatalog.Add(ZoneFull, "该区域已满", "The zone is full.");
        ProblemCatalog.Add(ZoneClosed, "该区域已关闭", "The zone is closed.");
        ProblemCatalog.Add(ZoneNotClosed, "该区域未关闭", "The zone is not closed.");
        ProblemCatalog.Add(AlreadyThere, "人员已在该区域", "The person is already in that zone.");
        ProblemCatalog.Add(NotInside, "该人员不在大厅内，不能登记离开", "The person is not inside the hall; an exit without an entry is not counted.");
        ProblemCatalog.Add(NotQueued, "该人员不在排队区", "The person is not waiting in the door queue.");
        ProblemCatalog.Add(LiveFeedUnavailable, "实时人流推送暂不可用，请稍后重试", "The live occupancy feed is not available right now; try again shortly.");
        ProblemCatalog.Add(ExitIdReused, "该离开编号已用于其他人员", "The exit id was sent before for another person or hall.");
    }

    /// <summary>404 <c>hall_unknown</c>: the registry has no such hall.</summary>
    public static ProblemHttpResult UnknownHall(string hallId) =>
        Problem.Of(StatusCodes.Status404NotFound, HallUnknown, new Bilingual($"大厅“{hallId}”不存在。", $"Hall '{hallId}' does not exist."));

    /// <summary>404 <c>zone_unknown</c>: the hall has no such zone.</summary>
    public static ProblemHttpResult UnknownZone(string hallId, string zoneId) =>
        Problem.Of(StatusCodes.Status404NotFound, ZoneUnknown, new Bilingual($"大厅“{hallId}”没有区域“{zoneId}”。", $"Hall '{hallId}' has no zone '{zoneId}'."));
}
