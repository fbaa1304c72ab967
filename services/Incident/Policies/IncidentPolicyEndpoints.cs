using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Policies;

namespace CivicHall.Incident.Policies;

/// <summary><c>/api/v1/halls/{hallId}/incident-policy</c>: versioned deadlines and escalation of a hall's cases.</summary>
public static class IncidentPolicyEndpoints
{
    /// <summary>Route, names and OpenAPI texts of the incident policy.</summary>
    public static readonly VersionedPolicyApi Api = new(
        Resource: "incident-policy",
        Tag: "Incident policy",
        OperationName: "IncidentPolicy",
        Noun: "incident policy",
        HallUnknown: IncidentProblems.HallUnknown,
        GetDescription: "The version in force now (or at `at`; null when the hall keeps to the defaults, shown as `defaults`), the versions that take effect later, and every version (`versions`, oldest first). A case keeps to the version in force when it opened.",
        PutDescription: "A new version in force from `effectiveFrom` (now when omitted, never in the past): minutes from a case's opening by which it is to be isolated (`isolatedWithinMinutes`, 10), reported (`reportedWithinMinutes`, 30) and the hospital or 120 notified (`hospitalNotifiedWithinMinutes`, 60), the minutes between escalation levels (`escalationIntervalMinutes`, 10) the days a closed case keeps records held (`recordsHoldDays`, 28), and contact tracing's days looked back before the visit (`tracingDaysBefore`, 0–14, 2), the minutes each of the case's stays is widened by (`tracingBufferMinutes`, 0–120, 15) and the minutes around the case's screening in the same lane (`entranceWindowMinutes`, 0–60, 10). Omitted values take the defaults (`{}` is valid).",
        RequestExample: """
            {"isolatedWithinMinutes": 10, "reportedWithinMinutes": 30, "hospitalNotifiedWithinMinutes": 60, "escalationIntervalMinutes": 10, "recordsHoldDays": 28, "tracingDaysBefore": 2, "tracingBufferMinutes": 15, "entranceWindowMinutes": 10}
            """);

    public static IEndpointRouteBuilder MapIncidentPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policy = app.MapVersionedPolicy(Api, GetPolicy, PutPolicy);
        policy.MapVersionList(Api, ListVersions);
        return app;
    }

    /// <summary>Every stored version of the hall's policy, newest first, a page at a time (the defaults are no version and not listed).</summary>
    private static async Task<Results<Ok<PolicyVersionPage<IncidentPolicyResponse>>, ProblemHttpResult>> ListVersions(
        string hallId, [Range(1, VersionedPolicyEndpoints.MaxVersionLimit)] int? limit, [StringLength(11)] string? cursor, IncidentDbContext db, CancellationToken cancellationToken)
    {
        var (take, below, errors) = PolicyVersionCursor.Read(limit, cursor);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return IncidentProblems.UnknownHall(hallId);
        }

        var query = db.Policies.AsNoTracking().Where(p => p.HallId == hallId);
        if (below is { } version)
        {
            query = query.Where(p => p.Version < version);
        }

        var rows = await query.OrderByDescending(p => p.Version).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(PolicyVersionCursor.Page(hallId, [.. rows.Select(IncidentPolicyResponse.From)], take, v => v.Version));
    }

    private static async Task<Results<Ok<IncidentPolicyView>, ProblemHttpResult>> GetPolicy(
        string hallId, DateTimeOffset? at, IncidentDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return IncidentProblems.UnknownHall(hallId);
        }

        var instant = VersionedPolicyEndpoints.ReadAt(at, timeProvider);
        var versions = await db.Policies.AsNoTracking().Where(p => p.HallId == hallId).OrderBy(p => p.Version).ToListAsync(cancellationToken);
        var current = IncidentPolicies.InForce(hallId, versions, instant);
        var upcoming = versions.Where(p => p.EffectiveFrom > instant).OrderBy(p => p.EffectiveFrom).ThenBy(p => p.Version);
        return TypedResults.Ok(new IncidentPolicyView(
            current.Version == 0 ? null : IncidentPolicyResponse.From(current),
            [.. upcoming.Select(IncidentPolicyResponse.From)],
            [.. versions.Select(IncidentPolicyResponse.From)],
            IncidentPolicyResponse.From(IncidentPolicy.Defaults(hallId))));
    }

    /// <summary>Adds a version; versions are never edited, so the deadlines a case was held to stay on record.</summary>
    private static async Task<Results<Created<IncidentPolicyResponse>, ProblemHttpResult>> PutPolicy(
        string hallId, PutIncidentPolicyRequest? request, ClaimsPrincipal user, IncidentDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var errors = IncidentPolicyValidation.Validate(request, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return IncidentProblems.UnknownHall(hallId);
        }

        var latest = await db.Policies.Where(p => p.HallId == hallId).MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;
        var policy = new IncidentPolicy
        {
            HallId = hallId,
            Version = latest + 1,
            EffectiveFrom = (request!.EffectiveFrom ?? now).ToUniversalTime(),
            IsolatedWithinMinutes = request.IsolatedWithinMinutes ?? IncidentPolicyDefaults.IsolatedWithinMinutes,
            ReportedWithinMinutes = request.ReportedWithinMinutes ?? IncidentPolicyDefaults.ReportedWithinMinutes,
            HospitalNotifiedWithinMinutes = request.HospitalNotifiedWithinMinutes ?? IncidentPolicyDefaults.HospitalNotifiedWithinMinutes,
            EscalationIntervalMinutes = request.EscalationIntervalMinutes ?? IncidentPolicyDefaults.EscalationIntervalMinutes,
            RecordsHoldDays = request.RecordsHoldDays ?? IncidentPolicyDefaults.RecordsHoldDays,
            TracingDaysBefore = request.TracingDaysBefore ?? IncidentPolicyDefaults.TracingDaysBefore,
            TracingBufferMinutes = request.TracingBufferMinutes ?? IncidentPolicyDefaults.TracingBufferMinutes,
            EntranceWindowMinutes = request.EntranceWindowMinutes ?? IncidentPolicyDefaults.EntranceWindowMinutes,
            CreatedAt = now,
            CreatedBy = user.Subject(),
        };
        db.Policies.Add(policy);
        if (await VersionedPolicyEndpoints.SaveVersionAsync(hallId, () => db.SaveChangesAsync(cancellationToken)) is { } conflict)
        {
            return conflict;
        }

        return Api.Created(hallId, policy.EffectiveFrom, IncidentPolicyResponse.From(policy));
    }
}
