using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.Occupancy.Halls;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Policies;

namespace CivicHall.Occupancy.Policies;

/// <summary><c>/api/v1/halls/{hallId}/occupancy-policy</c>: versioned density, caps, quota and alert levels of a hall.</summary>
public static class OccupancyPolicyEndpoints
{
    /// <summary>Route, names and OpenAPI texts of the occupancy policy.</summary>
    public static readonly VersionedPolicyApi Api = new(
        Resource: "occupancy-policy",
        Tag: "Occupancy policy",
        OperationName: "OccupancyPolicy",
        Noun: "occupancy policy",
        HallUnknown: OccupancyProblems.HallUnknown,
        GetDescription: "The version in force now (or at `at`; version 0, the defaults, before the first) and the versions that take effect later.",
        PutDescription: "A new version in force from `effectiveFrom` (now when omitted, never in the past); omitted values take the defaults. Zones are re-planned when it takes effect.",
        RequestExample: """
            {"densityPer100M2": 15, "zoneCaps": {"meeting_room": 20}, "dailyQuota": 2000, "alertLevels": [80, 100], "alertCooldownSeconds": 300, "retentionDays": 28}
            """);

    public static IEndpointRouteBuilder MapOccupancyPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policy = app.MapVersionedPolicy(Api, GetPolicy, PutPolicy);
        policy.MapVersionList(Api, ListVersions);
        return app;
    }

    /// <summary>Every version of the hall's policy, newest first, a page at a time (<c>…/versions</c>).</summary>
    private static async Task<Results<Ok<PolicyVersionPage<OccupancyPolicyResponse>>, ProblemHttpResult>> ListVersions(
        string hallId,
        [Range(1, VersionedPolicyEndpoints.MaxVersionLimit)] int? limit,
        [StringLength(11)] string? cursor,
        OccupancyDbContext db,
        CancellationToken cancellationToken)
    {
        var (take, below, errors) = PolicyVersionCursor.Read(limit, cursor);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.Id == hallId, cancellationToken))
        {
            return OccupancyProblems.UnknownHall(hallId);
        }

        var versions = db.Policies.AsNoTracking().Where(p => p.HallId == hallId);
        if (below is { } version)
        {
            versions = versions.Where(p => p.Version < version);
        }

        var rows = await versions.OrderByDescending(p => p.Version).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(PolicyVersionCursor.Page(hallId, [.. rows.Select(OccupancyPolicyResponse.From)], take, v => v.Version));
    }

    /// <summary>The version in force now (or at <c>at</c>; the defaults before the first) and the versions that take effect later.</summary>
    private static async Task<Results<Ok<OccupancyPolicyView>, ProblemHttpResult>> GetPolicy(
        string hallId, DateTimeOffset? at, OccupancyDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!await db.Halls.AnyAsync(h => h.Id == hallId, cancellationToken))
        {
            return OccupancyProblems.UnknownHall(hallId);
        }

        var instant = VersionedPolicyEndpoints.ReadAt(at, timeProvider);
        var versions = await db.Policies.AsNoTracking().Where(p => p.HallId == hallId).ToListAsync(cancellationToken);
        var current = OccupancyPolicies.InForce(versions, instant) ?? OccupancyPolicyDefaults.For(hallId);
        var upcoming = versions.Where(p => p.EffectiveFrom > instant).OrderBy(p => p.EffectiveFrom).ThenBy(p => p.Version).ToList();
        return TypedResults.Ok(new OccupancyPolicyView(OccupancyPolicyResponse.From(current), [.. upcoming.Select(OccupancyPolicyResponse.From)]));
    }

    /// <summary>
    /// Adds a version; versions are never edited. One that takes effect now recomputes the zones'
    /// capacities at once; a later one when its time comes (<c>FloorPlanActivationService</c>).
    /// </summary>
    private static async Task<Results<Created<OccupancyPolicyResponse>, ProblemHttpResult>> PutPolicy(
        string hallId,
        PutOccupancyPolicyRequest? request,
        ClaimsPrincipal user,
        OccupancyDbContext db,
        IFloorPlanStore planner,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var errors = OccupancyPolicyValidation.Validate(request, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hall = await db.Halls.FromSql($"SELECT * FROM halls WHERE id = {hallId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (hall is null)
        {
            return OccupancyProblems.UnknownHall(hallId);
        }

        var latest = await db.Policies.Where(p => p.HallId == hallId).MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;
        var policy = new OccupancyPolicy
        {
            HallId = hallId,
            Version = latest + 1,
            EffectiveFrom = (request!.EffectiveFrom ?? now).ToUniversalTime(),
            DensityPer100M2 = request.DensityPer100M2 ?? OccupancyPolicyDefaults.DensityPer100M2,
            ZoneCaps = new Dictionary<string, int>(request.ZoneCaps ?? OccupancyPolicyDefaults.ZoneCaps, StringComparer.Ordinal),
            DailyQuota = request.DailyQuota,
            AlertLevels = [.. request.AlertLevels ?? OccupancyPolicyDefaults.AlertLevels],
            AlertCooldownSeconds = request.AlertCooldownSeconds ?? OccupancyPolicyDefaults.AlertCooldownSeconds,
            RetentionDays = request.RetentionDays ?? OccupancyPolicyDefaults.RetentionDays,
            CreatedAt = now,
            CreatedBy = user.Subject(),
        };
        db.Policies.Add(policy);
        if (await VersionedPolicyEndpoints.SaveVersionAsync(hallId, () => db.SaveChangesAsync(cancellationToken)) is { } conflict)
        {
            return conflict;
        }

        if (policy.EffectiveFrom <= now)
        {
            // Removing zones is the layout's business: with the layout unchanged this always applies.
            await planner.ApplyAsync(hall, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Api.Created(hallId, policy.EffectiveFrom, OccupancyPolicyResponse.From(policy));
    }
}
