namespace CivicHall.Screening.Problems;

/// <summary>The screening service's problem codes (stable, part of the API) and their zh-CN / en messages.</summary>
public static class ScreeningProblems
{
    public const string HallUnknown = "hall_unknown";
    public const string ScreeningNotConfigured = "screening_not_configured";
    public const string ReadingImpossible = "reading_impossible";
    public const string RetestUnknown = "retest_unknown";
    public const string ReadingIdReused = "reading_id_reused";
    public const string PersonHasHealthFile = "person_has_health_file";
    public const string HealthTestConflict = "health_test_conflict";

    public static void Register()
    {
        ProblemCatalog.Add(HallUnknown, "办事大厅不存在或尚未同步", "The hall does not exist or is not known to this service yet.");
        ProblemCatalog.Add(ScreeningNotConfigured, "该大厅在该时间没有入口核验规则", "The hall has no screening policy in force at that time.");
        ProblemCatalog.Add(ReadingImpossible, "核验数据不可能成立，请检查设备后重新测量", "The reading cannot be right (impossible value or a time in the future); check the device and measure again.");
        ProblemCatalog.Add(ReadingIdReused, "该核验编号已用于其他人员或大厅", "The reading id was sent before for another person or hall.");
        ProblemCatalog.Add(RetestUnknown, "复测对应的首次核验记录不存在", "The reading this retest refers to does not exist at this hall.");
        ProblemCatalog.Add(PersonHasHealthFile, "该人员已在其他工号下建有健康档案（一人一档）", "This person already has a health file under another staff id (one person, one file).");
        ProblemCatalog.Add(HealthTestConflict, "档案中已有同一时间同类检测的不同结果，已记录的结果不能更改", "A test of the same kind at the same time is on file with another result; a recorded result cannot be changed.");
    }

    /// <summary>404 <c>hall_unknown</c>: screening has not heard of the hall (<c>HallConfigured</c>).</summary>
    public static ProblemHttpResult UnknownHall(string hallId) =>
        Problem.Of(StatusCodes.Status404NotFound, HallUnknown, new Bilingual($"入口核验服务中没有大厅“{hallId}”。", $"Hall '{hallId}' is not known to screening."));
}
