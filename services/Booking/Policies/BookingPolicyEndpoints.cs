using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.Booking.Replanning;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Policies;

namespace CivicHall.Booking.Policies;

/// <summary><c>/api/v1/halls/{hallId}/booking-policy</c>: versioned booking rules of a hall.</summary>
public static class BookingPolicyEndpoints
{
    /// <summary>Route, names and OpenAPI texts of the booking policy.</summary>
    public static readonly VersionedPolicyApi Api = new(
        Resource: "booking-policy",
        Tag: "Booking policy",
        OperationName: "BookingPolicy",
        Noun: "booking policy",
        HallUnknown: BookingProblems.HallUnknown,
        GetDescription: "The version in force now (or at `at`) and the versions that take effect later.",
        PutDescription: "A new version in force from `effectiveFrom` (now when omitted, never in the past); versions are never edited. "
            + "Omitted values take the defaults. A window group's `zoneId` names the zone of the hall its windows are in "
            + "(checked against the hall's zones): closing that zone (incident's containment) stops and moves its bookings. The hall's planned days are re-planned when it takes effect.",
        RequestExample: """
            {"slotMinutes": 30, "windowGroups": [{"group": "social", "windows": 4, "zoneId": "floor-1"}], "phaseShare": 0.6, "dailyQuota": 500, "horizonDays": 7, "maxActiveBookingsPerPerson": 3, "checkInEarlyMinutes": 30, "checkInLateMinutes": 15, "walkInReserveShare": 0.1, "greenChannelDailyLimit": 2}
            """);

    public static IEndpointRouteBuilder MapBookingPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policy = app.MapVersionedPolicy(Api, GetPolicy, PutPolicy);
        policy.MapVersionList(Api, ListVersions);
        return app;
    }

    /// <summary>Every version of the hall's policy, newest first, a page at a time (<c>…/versions</c>).</summary>
    private static async Task<Results<Ok<PolicyVersionPage<BookingPolicyResponse>>, ProblemHttpResult>> ListVersions(
        string hallId,
        [Range(1, VersionedPolicyEndpoints.MaxVersionLimit)] int? limit,
        [StringLength(11)] string? cursor,
        BookingDbContext db,
        CancellationToken cancellationToken)
    {
        var (take, below, errors) = PolicyVersionCursor.Read(limit, cursor);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var versions = db.Policies.AsNoTracking().Where(p => p.HallId == hallId);
        if (below is { } version)
        {
            versions = versions.Where(p => p.Version < version);
        }

        var rows = await versions.OrderByDescending(p => p.Version).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(PolicyVersionCursor.Page(hallId, [.. rows.Select(BookingPolicyResponse.From)], take, v => v.Version));
    }

    /// <summary>The version in force now (or at <c>at</c>) and the versions that take effect later.</summary>
    private static async Task<Results<Ok<BookingPolicyView>, ProblemHttpResult>> GetPolicy(
        string hallId, DateTimeOffset? at, BookingDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var instant = VersionedPolicyEndpoints.ReadAt(at, timeProvider);
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
        ReplanSignal replanning,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var known = await db.Halls.AsNoTracking().Where(h => h.HallId == hallId).Select(h => h.Zones).FirstOrDefaultAsync(cancellationToken);
        var errors = BookingPolicyValidation.Validate(request, now, (known ?? []).Select(z => z.ZoneId).ToHashSet(StringComparer.Ordinal));
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (known is null)
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var latest = await db.Policies.Where(p => p.HallId == hallId).MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;
        var policy = new BookingPolicy
        {
            HallId = hallId,
            Version = latest + 1,
            EffectiveFrom = (request!.EffectiveFrom ?? now).ToUniversalTime(),
            SlotMinutes = request.SlotMinutes ?? BookingPolicyDefaults.SlotMinutes,
            WindowGroups = [.. (request.WindowGroups ?? []).Select(g => new WindowGroupPlan(g.Group!, g.Windows!.Value, g.MinutesPerCase, g.ZoneId))],
            PhaseShare = request.PhaseShare ?? BookingPolicyDefaults.PhaseShare,
            DailyQuota = request.DailyQuota ?? BookingPolicyDefaults.DailyQuota,
            HorizonDays = request.HorizonDays ?? BookingPolicyDefaults.HorizonDays,
            MaxActiveBookingsPerPerson = request.MaxActiveBookingsPerPerson ?? BookingPolicyDefaults.MaxActiveBookingsPerPerson,
            CheckInEarlyMinutes = request.CheckInEarlyMinutes ?? BookingPolicyDefaults.CheckInEarlyMinutes,
            CheckInLateMinutes = request.CheckInLateMinutes ?? BookingPolicyDefaults.CheckInLateMinutes,
            MissedAfterSeconds = request.MissedAfterSeconds ?? BookingPolicyDefaults.MissedAfterSeconds,
            RequeueAfter = request.RequeueAfter ?? BookingPolicyDefaults.RequeueAfter,
            WalkInReserveShare = request.WalkInReserveShare ?? BookingPolicyDefaults.WalkInReserveShare,
            GreenChannelDailyLimit = request.GreenChannelDailyLimit ?? BookingPolicyDefaults.GreenChannelDailyLimit,
            MaxReschedules = request.MaxReschedules ?? BookingPolicyDefaults.MaxReschedules,
            CreatedAt = now,
            CreatedBy = user.Subject(),
        };
        db.Policies.Add(policy);
        if (await VersionedPolicyEndpoints.SaveVersionAsync(hallId, () => db.SaveChangesAsync(cancellationToken)) is { } conflict)
        {
            return conflict;
        }

        replanning.Nudge();
        return Api.Created(hallId, policy.EffectiveFrom, BookingPolicyResponse.From(policy));
    }
}
