using System.Security.Claims;
using CivicHall.Booking.Data;
using CivicHall.Booking.Slots;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.OpenApi;
using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CivicHall.Booking.Policies;

/// <summary><c>/api/v1/halls/{hallId}/booking-policy</c>: versioned booking rules of a hall.</summary>
public static class BookingPolicyEndpoints
{
    public static IEndpointRouteBuilder MapBookingPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policy = app.MapGroup("/api/v1/halls/{hallId}/booking-policy").WithTags("Booking policy");
        policy.MapGet("/", GetPolicy).WithName("GetBookingPolicy")
            .WithSummary("Read a hall's booking policy")
            .WithDescription("The version in force now (or at `at`) and the versions that take effect later.")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown);
        policy.MapPut("/", PutPolicy).WithName("PutBookingPolicy").RequireAuthorization(Roles.Ops)
            .WithSummary("Add a version of a hall's booking policy")
            .WithDescription(
                "A new version in force from `effectiveFrom` (now when omitted, never in the past); versions are never edited. "
                + "Omitted values take the defaults. The hall's planned days are re-planned when it takes effect.")
            .WithRequestExample("""
                {"slotMinutes": 30, "windowGroups": [{"group": "social", "windows": 4}], "phaseShare": 0.6, "dailyQuota": 500, "horizonDays": 7, "maxActiveBookingsPerPerson": 3, "checkInEarlyMinutes": 30, "checkInLateMinutes": 15, "walkInReserveShare": 0.1, "greenChannelDailyLimit": 2}
                """)
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, ProblemCodes.ConcurrentUpdate);
        return app;
    }

    /// <summary>The version in force now (or at <c>at</c>) and the versions that take effect later.</summary>
    private static async Task<Results<Ok<BookingPolicyView>, ProblemHttpResult>> GetPolicy(
        string hallId, DateTimeOffset? at, BookingDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return Problem.Of(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, $"Hall '{hallId}' is not known to booking.");
        }

        var instant = (at ?? timeProvider.GetUtcNow()).ToUniversalTime();
        var current = await BookingPolicies.InForceAsync(db, hallId, instant, cancellationToken);
        var upcoming = await db.Policies.AsNoTracking()
            .Where(p => p.HallId == hallId && p.EffectiveFrom > instant)
            .OrderBy(p => p.EffectiveFrom).ThenBy(p => p.Version)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new BookingPolicyView(
            current is null ? null : BookingPolicyResponse.From(current),
            [.. upcoming.Select(BookingPolicyResponse.From)]));
    }

    /// <summary>Adds a version; versions are never edited, so what was in force stays on record.</summary>
    private static async Task<Results<Created<BookingPolicyResponse>, ProblemHttpResult>> PutPolicy(
        string hallId,
        PutBookingPolicyRequest? request,
        ClaimsPrincipal user,
        BookingDbContext db,
        Replanner replanner,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var errors = BookingPolicyValidation.Validate(request, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return Problem.Of(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, $"Hall '{hallId}' is not known to booking.");
        }

        var latest = await db.Policies.Where(p => p.HallId == hallId).MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;
        var policy = new BookingPolicy
        {
            HallId = hallId,
            Version = latest + 1,
            EffectiveFrom = (request!.EffectiveFrom ?? now).ToUniversalTime(),
            SlotMinutes = request.SlotMinutes ?? BookingPolicyDefaults.SlotMinutes,
            WindowGroups = [.. (request.WindowGroups ?? []).Select(g => new WindowGroupPlan(g.Group!, g.Windows!.Value, g.MinutesPerCase))],
            PhaseShare = request.PhaseShare ?? BookingPolicyDefaults.PhaseShare,
            DailyQuota = request.DailyQuota ?? BookingPolicyDefaults.DailyQuota,
            HorizonDays = request.HorizonDays ?? BookingPolicyDefaults.HorizonDays,
            MaxActiveBookingsPerPerson = request.MaxActiveBookingsPerPerson ?? BookingPolicyDefaults.MaxActiveBookingsPerPerson,
            CheckInEarlyMinutes = request.CheckInEarlyMinutes ?? BookingPolicyDefaults.CheckInEarlyMinutes,
            CheckInLateMinutes = request.CheckInLateMinutes ?? BookingPolicyDefaults.CheckInLateMinutes,
            WalkInReserveShare = request.WalkInReserveShare ?? BookingPolicyDefaults.WalkInReserveShare,
            GreenChannelDailyLimit = request.GreenChannelDailyLimit ?? BookingPolicyDefaults.GreenChannelDailyLimit,
            CreatedAt = now,
            CreatedBy = user.Subject(),
        };
        db.Policies.Add(policy);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problem.ConcurrentUpdate($"Another policy version for hall '{hallId}' was added at the same time; reload and retry.");
        }

        replanner.Nudge();
        return TypedResults.Created($"/api/v1/halls/{hallId}/booking-policy?at={policy.EffectiveFrom:O}", BookingPolicyResponse.From(policy));
    }
}
