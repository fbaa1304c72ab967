using CivicHall.Contracts.Tracing.V1;

using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Booking.Tracing;

/// <summary>
/// <c>/internal/v1/halls/{hallId}/tracing/…</c>: the bookings incident asks for when it traces a case's contacts
/// (reached through service discovery with the caller's own token, never through the gateway, which routes only
/// <c>/api/…</c>). Duty leaders and ops only; not in the OpenAPI document (README "Booking" lists them).
/// </summary>
public static class TracingEndpoints
{
    public static IEndpointRouteBuilder MapTracingEndpoints(this IEndpointRouteBuilder app)
    {
        var tracing = app.MapGroup("/internal/v1/halls/{hallId}/tracing").WithTags("Tracing")
            .RequireAuthorization(policy => policy.RequireRole(Roles.DutyLeader, Roles.Ops))
            .ExcludeFromDescription();
        tracing.MapPost("/bookings", Bookings).WithName("TraceBookings");
        tracing.MapPost("/identities", Identities).WithName("TraceBookingIdentities");
        return app;
    }

    private static async Task<Results<Ok<BookingAnswer>, ProblemHttpResult>> Bookings(
        string hallId, BookingQuery? query, BookingDbContext db, CancellationToken cancellationToken)
    {
        var errors = TracingQueryChecks.Validate(query);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        return await HallKnownAsync(db, hallId, cancellationToken)
            ? TypedResults.Ok(await TracingStore.BookingsAsync(db, hallId, query!, cancellationToken))
            : HallUnknown(hallId);
    }

    private static async Task<Results<Ok<IdentityAnswer>, ProblemHttpResult>> Identities(
        string hallId, IdentityQuery? query, BookingDbContext db, CancellationToken cancellationToken)
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

    private static Task<bool> HallKnownAsync(BookingDbContext db, string hallId, CancellationToken cancellationToken) =>
        db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken);

    private static ProblemHttpResult HallUnknown(string hallId) =>
        BookingProblems.UnknownHall(hallId);
}
