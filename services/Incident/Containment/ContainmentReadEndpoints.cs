using System.ComponentModel.DataAnnotations;
using CivicHall.Incident.Cases;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Incident.Containment;

/// <summary>A hall's containment actions, each with its participants' acknowledgements: one, or a page of them.</summary>
public static class ContainmentReadEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private const string Participants = "Per participant (occupancy and booking; sanitation too for a zone closure), from when the action took effect: `acknowledged` and when, its counts (`peopleInside`, `queueSentAway`, `taskId`, `moved`, `cancelled`), and `overdue` when it has not acknowledged within `Incident:Containment:AcknowledgementLimit` (2 min).";

    public static void Map(RouteGroupBuilder containment)
    {
        ArgumentNullException.ThrowIfNull(containment);
        containment.MapGet("/{containmentId:guid}", Get).WithName("GetContainment")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("Read a containment action")
            .WithDescription("Its kind, state, who requested and approved it (with the government's consent), an override and what it passed over, and the zone's sanitization for a closure. " + Participants)
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown, IncidentProblems.ContainmentUnknown);
        containment.MapGet("/", List).WithName("ListContainment")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .WithSummary("List a hall's containment actions")
            .WithDescription($"Newest requested first (ties by `containmentId`, descending), optionally in one `state`; `limit` (1–{MaxLimit}, {DefaultLimit}) and the previous page's `nextCursor`. " + Participants)
            .ProducesProblems(StatusCodes.Status404NotFound, IncidentProblems.HallUnknown);
    }

    private static async Task<Results<Ok<ContainmentView>, ProblemHttpResult>> Get(string hallId, Guid containmentId, IncidentDbContext db, CancellationToken cancellationToken)
    {
        var found = await ContainmentDecisionEndpoints.FindAsync(db, hallId, containmentId, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(ContainmentView.From(found.Action!, await ContainmentStore.AcknowledgementsAsync(db, containmentId, cancellationToken)));
    }

    private static async Task<Results<Ok<ContainmentList>, ProblemHttpResult>> List(
        string hallId,
        [AllowedValues(ContainmentStates.Requested, ContainmentStates.Approved, ContainmentStates.Withdrawn, ContainmentStates.Resumed,
            ContainmentStates.Ordered, ContainmentStates.Sanitized, ContainmentStates.Reopened)] string? state,
        [Range(1, MaxLimit)] int? limit,
        [StringLength(ContainmentCursor.Length)] string? cursor,
        IncidentDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (state is not null && !ContainmentStates.All.Contains(state))
        {
            errors["state"] = [$"One of {string.Join(", ", ContainmentStates.All)}."];
        }

        PageQuery.CheckLimit(errors, limit, MaxLimit);
        ContainmentCursor? after = PageQuery.CheckTimeIdCursor(errors, cursor) is { } page ? new ContainmentCursor(page.At, page.Id) : null;

        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return IncidentEndpoints.HallUnknown(hallId);
        }

        var query = new ContainmentQuery(hallId, state is null ? null : EnumText.Parse<ContainmentState>(state), limit ?? DefaultLimit, after);
        return TypedResults.Ok(await ContainmentStore.ListAsync(db, query, cancellationToken));
    }
}
