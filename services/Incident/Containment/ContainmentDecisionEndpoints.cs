using CivicHall.Incident.Cases;
using CivicHall.ServiceDefaults.Auth;
using static CivicHall.Incident.Containment.ContainmentEndpoints;

namespace CivicHall.Incident.Containment;

/// <summary>
/// A requested suspension or resumption approved by a second person with the <c>ops</c> role (then it takes effect,
/// its event in the same transaction), or withdrawn before that.
/// </summary>
public static class ContainmentDecisionEndpoints
{
    public static void Map(RouteGroupBuilder containment)
    {
        ArgumentNullException.ThrowIfNull(containment);
        containment.MapPost("/{containmentId:guid}/approval", Approve).WithName("ApproveContainment")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Ops))
            .WithSummary("Approve a suspension or resumption (second person)")
            .WithDescription("By a second person with the `ops` role (the requester: 409 `second_person_required`), recording the county government's consent (`governmentConsentRef`) and `notes`: `requested → approved`, and it takes effect in the same transaction — a suspension publishes `OnSiteServiceSuspended`, a resumption ends its suspension (`resumed`) and publishes `OnSiteServiceResumed` (refused with 409 `zones_not_sanitized` while a closed zone is not yet sanitized, unless the request overrides it). Anything but a requested suspension or resumption is 409 `containment_not_pending`. The same approval again by the same person: 200 with `Idempotent-Replayed: true`.")
            .WithRequestExample("""{"governmentConsentRef": "青府应急〔2026〕12号", "notes": "电话请示县政府办公室同意"}""")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: approved before by this person with the same body.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown, IncidentProblems.ContainmentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.SecondPersonRequired, IncidentProblems.ContainmentNotPending, IncidentProblems.NotSuspended, IncidentProblems.ZonesNotSanitized);
        containment.MapPost("/{containmentId:guid}/withdrawal", Withdraw).WithName("WithdrawContainment")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader))
            .WithSummary("Withdraw a request before its approval")
            .WithDescription("`requested → withdrawn`: nothing was published, nothing is. Withdrawn again: 200 with `Idempotent-Replayed: true`; anything else is 409 `containment_not_pending`.")
            .WithResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", "`true`: withdrawn before.")
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown, IncidentProblems.ContainmentUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, IncidentProblems.ContainmentNotPending);
    }

    private static async Task<Results<Ok<ContainmentView>, ProblemHttpResult>> Approve(
        string hallId, Guid containmentId, ContainmentApprovalRequest? request, [AsParameters] ContainmentServices services, CancellationToken cancellationToken)
    {
        var errors = ContainmentValidation.Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        var db = services.Db;
        var found = await FindAsync(db, hallId, containmentId, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        var (action, by, now) = (found.Action!, services.User.Subject(), services.TimeProvider.GetUtcNow());
        var (consent, notes) = (request!.GovernmentConsentRef!.Trim(), string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim());
        if (action is { State: ContainmentState.Approved or ContainmentState.Resumed } && action.ApprovedBy == by && action.GovernmentConsentRef == consent && action.ApprovalNotes == notes)
        {
            return await ViewAsync(db, containmentId, services, replayed: true, cancellationToken);
        }

        if (action.State == ContainmentState.Requested && action.RequestedBy == by)
        {
            return ContainmentRefusals.SecondPersonRequired(action);
        }

        var outcome = action.State == ContainmentState.Requested
            ? await ContainmentStore.ApproveAsync(db, action, by, now, consent, notes, services.TimeProvider, cancellationToken)
            : new ContainmentOutcome(ContainmentRefusal.NotPending, State: EnumText.Of(action.State));
        return outcome.Refusal == ContainmentRefusal.None
            ? await ViewAsync(db, containmentId, services, replayed: false, cancellationToken)
            : ContainmentRefusals.Problem(action, outcome);
    }

    private static async Task<Results<Ok<ContainmentView>, ProblemHttpResult>> Withdraw(
        string hallId, Guid containmentId, [AsParameters] ContainmentServices services, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var found = await FindAsync(db, hallId, containmentId, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        var action = found.Action!;
        if (action.State == ContainmentState.Withdrawn)
        {
            return await ViewAsync(db, containmentId, services, replayed: true, cancellationToken);
        }

        var outcome = await ContainmentStore.WithdrawAsync(db, action, services.User.Subject(), services.TimeProvider.GetUtcNow(), cancellationToken);
        return outcome.Refusal == ContainmentRefusal.None
            ? await ViewAsync(db, containmentId, services, replayed: false, cancellationToken)
            : ContainmentRefusals.Problem(action, outcome);
    }

    /// <summary>The hall's action, or the problem of an unknown hall or action.</summary>
    internal static async Task<(ContainmentAction? Action, ProblemHttpResult? Problem)> FindAsync(IncidentDbContext db, string hallId, Guid containmentId, CancellationToken cancellationToken)
    {
        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return (null, IncidentEndpoints.HallUnknown(hallId));
        }

        var action = await ContainmentStore.FindAsync(db, containmentId, cancellationToken);
        return action is not null && action.HallId == hallId ? (action, null) : (null, ContainmentRefusals.Unknown(containmentId));
    }

    private static async Task<Results<Ok<ContainmentView>, ProblemHttpResult>> ViewAsync(
        IncidentDbContext db, Guid containmentId, ContainmentServices services, bool replayed, CancellationToken cancellationToken)
    {
        if (replayed)
        {
            services.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return TypedResults.Ok((await ContainmentStore.ViewAsync(db, containmentId, cancellationToken))!);
    }
}
