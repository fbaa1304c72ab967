using CivicHall.Contracts.Tracing.V1;
using CivicHall.Occupancy.Halls;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Occupancy.Tracing;

/// <summary>
/// <c>/internal/v1/halls/{hallId}/tracing/…</c>: the presences incident asks for when it traces a case's contacts
/// (reached through service discovery with the caller's own token, never through the gateway, which routes only
/// <c>/api/…</c>). Duty leaders and ops only; not in the OpenAPI document (README "Occupancy" lists them).
/// </summary>
public static class TracingEndpoints
{
    public static IEndpointRouteBuilder MapTracingEndpoints(this IEndpointRouteBuilder app)
    {
        var tracing = app.MapGroup("/internal/v1/halls/{hallId}/tracing").WithTags("Tracing")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .ExcludeFromDescription();
        tracing.MapPost("/presences", Presences).WithName("TracePresences");
        tracing.MapPost("/seen", Seen).WithName("TraceSeen");
        return app;
    }

    private static async Task<Results<Ok<PresenceAnswer>, ProblemHttpResult>> Presences(
        string hallId, PresenceQuery? query, OccupancyDbContext db, CancellationToken cancellationToken)
    {
        var errors = TracingQueryChecks.Validate(query);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        return await HallKnownAsync(db, hallId, cancellationToken)
            ? TypedResults.Ok(await TracingStore.PresencesAsync(db, hallId, query!, cancellationToken))
            : OccupancyProblems.UnknownHall(hallId);
    }

    private static async Task<Results<Ok<SeenAnswer>, ProblemHttpResult>> Seen(
        string hallId, SeenQuery? query, OccupancyDbContext db, CancellationToken cancellationToken)
    {
        var errors = TracingQueryChecks.Validate(query);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        return await HallKnownAsync(db, hallId, cancellationToken)
            ? TypedResults.Ok(await TracingStore.SeenAsync(db, hallId, query!, cancellationToken))
            : OccupancyProblems.UnknownHall(hallId);
    }

    private static Task<bool> HallKnownAsync(OccupancyDbContext db, string hallId, CancellationToken cancellationToken) =>
        db.Set<Hall>().AnyAsync(h => h.Id == hallId, cancellationToken);
}
