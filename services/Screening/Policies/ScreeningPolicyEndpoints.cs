using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Policies;

namespace CivicHall.Screening.Policies;

/// <summary><c>/api/v1/halls/{hallId}/screening-policy</c>: versioned entrance rules of a hall.</summary>
public static class ScreeningPolicyEndpoints
{
    /// <summary>Route, names and OpenAPI texts of the screening policy.</summary>
    public static readonly VersionedPolicyApi Api = new(
        Resource: "screening-policy",
        Tag: "Screening policy",
        OperationName: "ScreeningPolicy",
        Noun: "screening policy",
        HallUnknown: ScreeningProblems.HallUnknown,
        GetDescription: "The version in force now (or at `at`) and the versions that take effect later.",
        PutDescription: "A new version in force from `effectiveFrom` (now when omitted, never in the past); omitted values take the defaults of the hall plans (`{}` is valid).",
        RequestExample: """
            {"kinds": [{"kind": "visitor", "testValidityHours": 48, "antigenValidityHours": null, "antigenOnTheSpot": false}, {"kind": "staff", "testValidityHours": 24, "antigenValidityHours": 24, "antigenOnTheSpot": false, "boosterRequired": true, "boosterDoses": 3}], "retestAtC": 37.3, "isolateAboveC": 37.5, "maskRule": "provide", "bookingRequired": true, "retentionDays": 21}
            """);

    public static IEndpointRouteBuilder MapScreeningPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policy = app.MapVersionedPolicy(Api, GetPolicy, PutPolicy);
        policy.MapVersionList(Api, ListVersions);
        return app;
    }

    /// <summary>Every version of the hall's policy, newest first, a page at a time (<c>…/versions</c>).</summary>
    private static async Task<Results<Ok<PolicyVersionPage<ScreeningPolicyResponse>>, ProblemHttpResult>> ListVersions(
        string hallId,
        [Range(1, VersionedPolicyEndpoints.MaxVersionLimit)] int? limit,
        [StringLength(11)] string? cursor,
        ScreeningDbContext db,
        CancellationToken cancellationToken)
    {
        var (take, below, errors) = PolicyVersionCursor.Read(limit, cursor);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return ScreeningProblems.UnknownHall(hallId);
        }

        var versions = db.Policies.AsNoTracking().Where(p => p.HallId == hallId);
        if (below is { } version)
        {
            versions = versions.Where(p => p.Version < version);
        }

        var rows = await versions.OrderByDescending(p => p.Version).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(PolicyVersionCursor.Page(hallId, [.. rows.Select(ScreeningPolicyResponse.From)], take, v => v.Version));
    }

    /// <summary>The version in force now (or at <c>at</c>) and the versions that take effect later.</summary>
    private static async Task<Results<Ok<ScreeningPolicyView>, ProblemHttpResult>> GetPolicy(
        string hallId, DateTimeOffset? at, ScreeningDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return ScreeningProblems.UnknownHall(hallId);
        }

        var instant = VersionedPolicyEndpoints.ReadAt(at, timeProvider);
        var versions = await db.Policies.AsNoTracking().Where(p => p.HallId == hallId).ToListAsync(cancellationToken);
        var current = ScreeningPolicies.InForce(versions, instant);
        var upcoming = versions.Where(p => p.EffectiveFrom > instant).OrderBy(p => p.EffectiveFrom).ThenBy(p => p.Version).ToList();
        return TypedResults.Ok(new ScreeningPolicyView(
            current is null ? null : ScreeningPolicyResponse.From(current), [.. upcoming.Select(ScreeningPolicyResponse.From)]));
    }

    /// <summary>Adds a version; versions are never edited, so the rules a decision was made under stay on record.</summary>
    private static async Task<Results<Created<ScreeningPolicyResponse>, ProblemHttpResult>> PutPolicy(
        string hallId,
        PutScreeningPolicyRequest? request,
        ClaimsPrincipal user,
        ScreeningDbContext db,
        ScreeningCatalog catalog,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var errors = ScreeningPolicyValidation.Validate(request, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.AnyAsync(h => h.HallId == hallId, cancellationToken))
        {
            return ScreeningProblems.UnknownHall(hallId);
        }

        var latest = await db.Policies.Where(p => p.HallId == hallId).MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;
        var policy = new ScreeningPolicy
        {
            HallId = hallId,
            Version = latest + 1,
            EffectiveFrom = (request!.EffectiveFrom ?? now).ToUniversalTime(),
            // Validated: no null element, every kind named.
            Kinds = request.Kinds is null
                ? [.. ScreeningPolicyDefaults.Kinds]
                : [.. request.Kinds.OfType<PersonKindRulesRequest>().Select(k => new PersonKindRules(
                    k.Kind!, k.TestValidityHours, k.AntigenValidityHours, k.AntigenOnTheSpot ?? false, k.BoosterRequired ?? false, k.BoosterDoses ?? PersonKindRules.DefaultBoosterDoses))],
            RetestAtC = request.RetestAtC ?? ScreeningPolicyDefaults.RetestAtC,
            IsolateAboveC = request.IsolateAboveC ?? ScreeningPolicyDefaults.IsolateAboveC,
            MaskRule = request.MaskRule ?? ScreeningPolicyDefaults.MaskRule,
            BookingRequired = request.BookingRequired ?? ScreeningPolicyDefaults.BookingRequired,
            BookingEarlyMinutes = request.BookingEarlyMinutes ?? ScreeningPolicyDefaults.BookingEarlyMinutes,
            BookingLateMinutes = request.BookingLateMinutes ?? ScreeningPolicyDefaults.BookingLateMinutes,
            SpecialGroupsWalkIn = request.SpecialGroupsWalkIn ?? ScreeningPolicyDefaults.SpecialGroupsWalkIn,
            ExemptUnderAge = request.ExemptUnderAge ?? ScreeningPolicyDefaults.ExemptUnderAge,
            ExemptFromAge = request.ExemptFromAge ?? ScreeningPolicyDefaults.ExemptFromAge,
            ExemptRegisteredDisabled = request.ExemptRegisteredDisabled ?? ScreeningPolicyDefaults.ExemptRegisteredDisabled,
            SpotAntigenMinutes = request.SpotAntigenMinutes ?? ScreeningPolicyDefaults.SpotAntigenMinutes,
            RetentionDays = request.RetentionDays ?? ScreeningPolicyDefaults.RetentionDays,
            CreatedAt = now,
            CreatedBy = user.Subject(),
        };
        db.Policies.Add(policy);
        if (await VersionedPolicyEndpoints.SaveVersionAsync(hallId, () => db.SaveChangesAsync(cancellationToken)) is { } conflict)
        {
            return conflict;
        }

        catalog.Forget(hallId);
        return Api.Created(hallId, policy.EffectiveFrom, ScreeningPolicyResponse.From(policy));
    }
}
