namespace CivicHall.Screening.Staff;

/// <summary>Every answer the health-file endpoints refuse with: status, problem code and detail in one place.</summary>
public static class StaffHealthFileRefusals
{
    public static ProblemHttpResult MayNotRead() =>
        Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only the staff member, screeners, duty leaders and ops see a health file.");

    public static ProblemHttpResult MayNotKeep() =>
        Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only duty leaders and ops open a health file or change its identity or vaccination.");

    /// <summary><paramref name="what"/>: "add tests to", "declare symptoms in".</summary>
    public static ProblemHttpResult MayNotAdd(string what) =>
        Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, $"Only the staff member, duty leaders and ops {what} a health file.");

    public static ProblemHttpResult NotFound(string staffId) => Problem.NotFound($"Staff member '{staffId}' has no health file.");

    /// <summary>An addition to a file no one opened yet.</summary>
    public static ProblemHttpResult NotOpened(string staffId) =>
        Problem.NotFound($"Staff member '{staffId}' has no health file; a duty leader or ops opens it (PUT) with the staff member's identity.");

    public static ProblemHttpResult HallUnknown(string hallId) =>
        Problem.Of(StatusCodes.Status404NotFound, ScreeningProblems.HallUnknown, $"Hall '{hallId}' is not known to screening.");

    public static ProblemHttpResult FiledUnderAnother() =>
        Problem.Of(StatusCodes.Status409Conflict, ScreeningProblems.PersonHasHealthFile, "This person's health file is kept under another staff id.");

    public static ProblemHttpResult Stale(string staffId, string ifMatch) =>
        Problem.PreconditionFailed($"The health file of '{staffId}' is not at revision {ifMatch}.");

    public static ProblemHttpResult TestConflict(HealthTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return Problem.Of(StatusCodes.Status409Conflict, ScreeningProblems.HealthTestConflict, $"A {test.Kind} test at {test.At:O} is on file with another result.");
    }

    /// <summary>A save another writer overtook; null when it was saved.</summary>
    public static ProblemHttpResult? Unsaved(StaffHealthFileSave save, string staffId) => save switch
    {
        StaffHealthFileSave.ChangedConcurrently => Problem.ConcurrentUpdate($"The health file of '{staffId}' changed at the same time; reload and retry."),
        StaffHealthFileSave.CreatedConcurrently => Problem.ConcurrentUpdate($"The health file of '{staffId}' was created at the same time; reload and retry."),
        _ => null,
    };
}
