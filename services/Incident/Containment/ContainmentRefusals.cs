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
                new Bilingual(
                $"办事大厅“{action.HallId}”的区域“{action.ZoneId}”已由处置“{outcome.Conflicting}”关闭，尚未完成消毒。",
                $"Zone '{action.ZoneId}' of hall '{action.HallId}' is already closed by containment '{outcome.Conflicting}', not yet sanitized."),
                new() { ["containmentId"] = outcome.Conflicting }),
            ContainmentRefusal.SuspensionActive => Conflict(IncidentProblems.SuspensionActive,
                new Bilingual(
                $"办事大厅“{action.HallId}”已有申请中或生效的暂停服务：“{outcome.Conflicting}”。",
                $"Hall '{action.HallId}' has a suspension requested or in force already: '{outcome.Conflicting}'."), new() { ["containmentId"] = outcome.Conflicting }),
            ContainmentRefusal.NotSuspended => Conflict(IncidentProblems.NotSuspended,
                new Bilingual(
                $"“{outcome.Conflicting}”不是办事大厅“{action.HallId}”已批准且生效的暂停服务。",
                $"'{outcome.Conflicting}' is not an approved suspension of hall '{action.HallId}' in force."), new() { ["suspensionId"] = outcome.Conflicting, ["state"] = outcome.State }),
            ContainmentRefusal.ResumptionPending => Conflict(IncidentProblems.ResumptionPending,
                new Bilingual(
                $"该暂停服务已申请恢复：“{outcome.Conflicting}”。",
                $"A resumption of this suspension is already requested: '{outcome.Conflicting}'."), new() { ["containmentId"] = outcome.Conflicting }),
            ContainmentRefusal.ZonesNotSanitized => Conflict(IncidentProblems.ZonesNotSanitized,
                new Bilingual(
                $"办事大厅“{action.HallId}”已关闭的区域尚未完成消毒：{string.Join("、", outcome.Zones ?? [])}。请等待终末消毒完成，或以特批（override）方式申请恢复。",
                $"Closed zones of hall '{action.HallId}' are not sanitized yet: {string.Join(", ", outcome.Zones ?? [])}. Wait for their terminal disinfection, or request the resumption with an override."),
                new() { ["zones"] = outcome.Zones }),
            ContainmentRefusal.NotPending => Conflict(IncidentProblems.ContainmentNotPending,
                new Bilingual(
                $"处置“{action.ContainmentId}”当前为 {outcome.State}：只有申请中的暂停或恢复服务可以批准或撤回。",
                $"Containment '{action.ContainmentId}' is {outcome.State}: only a requested suspension or resumption is approved or withdrawn."), new() { ["state"] = outcome.State }),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Refusal, "Not a refusal."),
        };
    }

    public static ProblemHttpResult IdReused(Guid containmentId) =>
        ServiceDefaults.Problems.Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.ContainmentIdReused, new Bilingual($"处置编号“{containmentId}”已以不同内容或大厅申请。", $"Containment '{containmentId}' was requested with another body or hall."));

    public static ProblemHttpResult Unknown(Guid containmentId) =>
        ServiceDefaults.Problems.Problem.Of(StatusCodes.Status404NotFound, IncidentProblems.ContainmentUnknown, new Bilingual($"本大厅没有处置措施“{containmentId}”。", $"Hall has no containment action '{containmentId}'."));

    public static ProblemHttpResult SecondPersonRequired(ContainmentAction action) =>
        ServiceDefaults.Problems.Problem.Of(StatusCodes.Status409Conflict, IncidentProblems.SecondPersonRequired,
            new Bilingual(
                $"“{action?.RequestedBy}”申请了该{EnumText.Of(action!.Kind)}；须由另一名运营（ops）人员批准。",
                $"'{action?.RequestedBy}' requested this {EnumText.Of(action!.Kind)}; a second person with the ops role approves it."));

    private static ProblemHttpResult Conflict(string code, Bilingual detail, Dictionary<string, object?> extensions) =>
        ServiceDefaults.Problems.Problem.Of(StatusCodes.Status409Conflict, code, detail, extensions);
}
