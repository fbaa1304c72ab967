using CivicHall.Contracts.Tracing.V1;

using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Screening.Tracing;

/// <summary>
/// <c>/internal/v1/halls/{hallId}/tracing/…</c>: the screenings incident asks for when it traces a case's contacts
/// (reached through service discovery with the caller's own token, never through the gateway, which routes only
/// <c>/api/…</c>). Duty leaders and ops only; not in the OpenAPI document (README "Screening" lists them).
/// </summary>
public static class TracingEndpoints
{
    public static IEndpointRouteBuilder MapTracingEndpoints(this IEndpointRouteBuilder app)
    {
        var tracing = app.MapGroup("/internal/v1/halls/{hallId}/tracing").WithTags("Tracing")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .ExcludeFromDescription();
        tracing.MapPost("/screenings", Screenings).WithName("TraceScreenings");
        tracing.MapPost("/identities", Identities).WithName("TraceScreeningIdentities");
        return app;
    }

    private static async Task<Results<Ok<LaneAnswer>, ProblemHttpResult>> Screenings(
        string hallId, LaneQuery? query, ScreeningDbContext db, CancellationToken cancellationToken)
    {
        var errors = TracingQueryChecks.Validate(query);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        return await HallKnownAsync(db, hallId, cancellationToken)
            ? TypedResults.Ok(await TracingStore.ScreeningsAsync(db, hallId, query!, cancellationToken))
            : HallUnknown(hallId);
    }

    private static async Task<Results<Ok<IdentityAnswer>, ProblemHttpResult>> Identities(
        string hallId, IdentityQuery? query, ScreeningDbContext db, CancellationToken cancellationToken)
    {
        var errors = TracingQueryChecks.Validate(query);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        return await HallKnownAsync(db, hallId, cancellationToken)
            ? TypedResults.Ok(await TracingStore.IdentitiesAsync(db, hallId, query!, cancellationToken))
            : HallUnknown(hallId);
    }

    private static Task<bool> HallKnownAsync(ScreeningDbContext db, string hallId, CancellationToken cancellationToken) =>
        db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken);

    private static ProblemHttpResult HallUnknown(string hallId) =>
        ScreeningProblems.UnknownHall(hallId);
}
