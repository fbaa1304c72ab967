namespace CivicHall.Screening.Staff;

/// <summary>Every answer the health-file endpoints refuse with: status, problem code and detail in one place.</summary>
public static class StaffHealthFileRefusals
{
    public static ProblemHttpResult MayNotRead() =>
        Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, new Bilingual("只有员工本人、核验员、值班负责人和运维人员可以查看健康档案。", "Only the staff member, screeners, duty leaders and ops see a health file."));

    public static ProblemHttpResult MayNotKeep() =>
        Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, new Bilingual("只有值班负责人和运维人员可以建立健康档案或更改其身份、疫苗接种信息。", "Only duty leaders and ops open a health file or change its identity or vaccination."));

    /// <summary><paramref name="what"/>: "向健康档案添加检测结果" / "add tests to", "在健康档案中申报症状" / "declare symptoms in".</summary>
    public static ProblemHttpResult MayNotAdd(Bilingual what)
    {
        ArgumentNullException.ThrowIfNull(what);
        return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
            new Bilingual($"只有员工本人、值班负责人和运维人员可以{what.Chinese}。", $"Only the staff member, duty leaders and ops {what.English} a health file."));
    }

    public static ProblemHttpResult NotFound(string staffId) => Problem.NotFound(new Bilingual($"员工“{staffId}”没有健康档案。", $"Staff member '{staffId}' has no health file."));

    /// <summary>An addition to a file no one opened yet.</summary>
    public static ProblemHttpResult NotOpened(string staffId) =>
        Problem.NotFound(new Bilingual(
            $"员工“{staffId}”还没有健康档案，需由值班负责人或运维人员凭员工身份信息建立（PUT）。",
            $"Staff member '{staffId}' has no health file; a duty leader or ops opens it (PUT) with the staff member's identity."));


    public static ProblemHttpResult FiledUnderAnother() =>
        Problem.Of(StatusCodes.Status409Conflict, ScreeningProblems.PersonHasHealthFile, new Bilingual("此人的健康档案已建在另一个工号下。", "This person's health file is kept under another staff id."));

    public static ProblemHttpResult Stale(string staffId, string ifMatch) =>
        Problem.PreconditionFailed(new Bilingual($"员工“{staffId}”的健康档案不是版本 {ifMatch}。", $"The health file of '{staffId}' is not at revision {ifMatch}."));

    public static ProblemHttpResult TestConflict(HealthTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return Problem.Of(StatusCodes.Status409Conflict, ScreeningProblems.HealthTestConflict, new Bilingual(
            $"档案中已有 {test.At:O} 的 {test.Kind} 检测，结果不同。", $"A {test.Kind} test at {test.At:O} is on file with another result."));
    }

    /// <summary>A save another writer overtook; null when it was saved.</summary>
    public static ProblemHttpResult? Unsaved(StaffHealthFileSave save, string staffId) => save switch
    {
        StaffHealthFileSave.ChangedConcurrently => Problem.ConcurrentUpdate(new Bilingual($"员工“{staffId}”的健康档案刚被同时修改，请刷新后重试。", $"The health file of '{staffId}' changed at the same time; reload and retry.")),
        StaffHealthFileSave.CreatedConcurrently => Problem.ConcurrentUpdate(new Bilingual($"员工“{staffId}”的健康档案刚被同时建立，请刷新后重试。", $"The health file of '{staffId}' was created at the same time; reload and retry.")),
        _ => null,
    };
}
