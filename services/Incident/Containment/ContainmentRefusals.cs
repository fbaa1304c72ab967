namespace CivicHall.Incident.Containment;

/// <summary>The one place that turns a containment refusal into its problem answer.</summary>
public static class ContainmentRefusals
{
    public static ProblemHttpResult Problem(ContainmentAction action, ContainmentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Refusal switch
        {
            ContainmentRefusal.ZoneAlreadyClosed => Conflict(IncidentProblems.ZoneAlreadyClosed,
                $"Zone '{action.ZoneId}' of hall '{action.HallId}' is already closed by containment '{outcome.Conflicting}', not yet sanitized.",
                new() { ["containmentId"] = outcome.Conflicting }),
            ContainmentRefusal.SuspensionActive => Conflict(IncidentProblems.SuspensionActive,
                $"Hall '{action.HallId}' has a suspension requested or in force already: '{outcome.Conflicting}'.", new() { ["containmentId"] = outcome.Conflicting }),
            ContainmentRefusal.NotSuspended => Conflict(IncidentProblems.NotSuspended,
                $"'{outcome.Conflicting}' is not an approved suspension of hall '{action.HallId}' in force.", new() { ["suspensionId"] = outcome.Conflicting, ["state"] = outcome.State }),
            ContainmentRefusal.ResumptionPending => Conflict(IncidentProblems.ResumptionPending,
                $"A resumption of this suspension is already requested: '{outcome.Conflicting}'.", new() { ["containmentId"] = outcome.Conflicting }),
            ContainmentRefusal.ZonesNotSanitized => Conflict(IncidentProblems.ZonesNotSanitized,
                $"Closed zones of hall '{action.HallId}' are not sanitized yet: {string.Join(", ", outcome.Zones ?? [])}. Wait for their terminal disinfection, or request the resumption with an override.",
                new() { ["zones"] = outcome.Zones }),
            ContainmentRefusal.NotPending => Conflict(IncidentProblems.ContainmentNotPending,
                $"Containment '{action.ContainmentId}' is {outcome.State}: only a requested suspension or resumption is approved or withdrawn.", new() { ["state"] = outcome.State }),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Refusal, "Not a refusal."),
        };
    }

    public static ProblemHttpResult IdReused(Guid containmentId) =>
        ServiceDefaults.Problems.Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.ContainmentIdReused, $"Containment '{containmentId}' was requested with another body or hall.");

    public static ProblemHttpResult Unknown(Guid containmentId) =>
        ServiceDefaults.Problems.Problem.Of(StatusCodes.Status404NotFound, IncidentProblems.ContainmentUnknown, $"Hall has no containment action '{containmentId}'.");

    public static ProblemHttpResult SecondPersonRequired(ContainmentAction action) =>
        ServiceDefaults.Problems.Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.SecondPersonRequired,
            $"'{action?.RequestedBy}' requested this {EnumText.Of(action!.Kind)}; a second person with the ops role approves it.");

    private static ProblemHttpResult Conflict(string code, string detail, Dictionary<string, object?> extensions) =>
        ServiceDefaults.Problems.Problem.Of(StatusCodes.Status409Conflict, code, detail, extensions);
}
