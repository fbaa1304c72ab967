using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Policies;

namespace CivicHall.Sanitation.Plans;

/// <summary><c>/api/v1/halls/{hallId}/sanitation/plan</c>: versioned disinfection rules of a hall.</summary>
public static class SanitationPlanEndpoints
{
    /// <summary>Route, names and OpenAPI texts of the sanitation plan.</summary>
    public static readonly VersionedPolicyApi Api = new(
        Resource: "sanitation/plan",
        Tag: "Sanitation plan",
        OperationName: "SanitationPlan",
        Noun: "sanitation plan",
        HallUnknown: SanitationProblems.HallUnknown,
        GetDescription: "The version in force now (or at `at`; version 0, the seeds' defaults, before the first) and the versions that take effect later.",
        PutDescription: "A new version in force from `effectiveFrom` (now when omitted, never in the past); omitted values take the seeds' defaults (`{}` is valid), and `rules`, when given, replaces the default rules whole. Today's and tomorrow's tasks are generated again at once.",
        RequestExample: """
            {"rules": [{"ruleId": "public-areas", "kind": "timesPerDay", "zoneKinds": ["service_floor", "waiting_area"], "target": "surfaces", "method": "wipe", "agent": "chlorine", "strength": {"min": 500, "max": 500, "unit": "mg/L"}, "timesPerDay": 3}, {"ruleId": "self-service-terminals", "kind": "every", "zoneKinds": ["self_service"], "target": "terminals", "method": "wipe", "agent": "alcohol", "strength": {"min": 75, "max": 75, "unit": "%"}, "everyHours": 2}, {"ruleId": "isolation", "kind": "every", "zoneKinds": ["isolation"], "method": "spray", "agent": "chlorine", "everyHours": 2, "aroundTheClockWhileOccupied": true}, {"ruleId": "hall-full", "kind": "at", "zoneKinds": ["service_floor"], "method": "spray", "agent": "chlorine", "times": [{"anchor": "opening", "offsetMinutes": -60}, {"anchor": "clock", "time": "12:00"}, {"anchor": "closing", "offsetMinutes": 0}], "windowMinutes": 30}, {"ruleId": "public-ventilation", "kind": "ventilation", "zoneKinds": ["service_floor"], "method": "ventilate", "windows": [{"from": "12:00", "to": "14:00"}]}, {"ruleId": "meeting-rooms", "kind": "aroundMeetings", "zoneKinds": ["meeting_room"], "method": "wipe", "agent": "chlorine", "minutesBefore": 30, "minutesAfter": 30}], "graceMinutes": 30, "meetingMaxAttendees": 20, "meetingMaxMinutes": 60, "enforceMeetingLimits": true}
            """);

    public static IEndpointRouteBuilder MapSanitationPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var plan = app.MapVersionedPolicy(Api, GetPlan, PutPlan);
        plan.MapVersionList(Api, ListVersions);
        return app;
    }

    /// <summary>Every version of the hall's plan, newest first, a page at a time (version 0, the seeds' defaults, is not stored and not listed).</summary>
    private static async Task<Results<Ok<PolicyVersionPage<SanitationPlanResponse>>, ProblemHttpResult>> ListVersions(
        string hallId, [Range(1, VersionedPolicyEndpoints.MaxVersionLimit)] int? limit, [StringLength(11)] string? cursor, SanitationDbContext db, CancellationToken cancellationToken)
    {
        var (take, below, errors) = PolicyVersionCursor.Read(limit, cursor);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var query = db.Plans.AsNoTracking().Where(p => p.HallId == hallId);
        if (below is { } version)
        {
            query = query.Where(p => p.Version < version);
        }

        var rows = await query.OrderByDescending(p => p.Version).Take(take + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(PolicyVersionCursor.Page(hallId, [.. rows.Select(SanitationPlanResponse.From)], take, v => v.Version));
    }

    /// <summary>The version in force now (or at <c>at</c>; the defaults before the first) and the versions that take effect later.</summary>
    private static async Task<Results<Ok<SanitationPlanView>, ProblemHttpResult>> GetPlan(
        string hallId, DateTimeOffset? at, SanitationDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!await db.Halls.IsKnownAsync(hallId, cancellationToken))
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var instant = VersionedPolicyEndpoints.ReadAt(at, timeProvider);
        var versions = await db.Plans.AsNoTracking().Where(p => p.HallId == hallId).ToListAsync(cancellationToken);
        var current = SanitationPlans.InForce(versions, instant) ?? SanitationPlanDefaults.For(hallId);
        var upcoming = versions.Where(p => p.EffectiveFrom > instant).OrderBy(p => p.EffectiveFrom).ThenBy(p => p.Version).ToList();
        return TypedResults.Ok(new SanitationPlanView(SanitationPlanResponse.From(current), [.. upcoming.Select(SanitationPlanResponse.From)]));
    }

    /// <summary>Adds a version; versions are never edited, so the rules a task was planned under stay on record.</summary>
    private static async Task<Results<Created<SanitationPlanResponse>, ProblemHttpResult>> PutPlan(
        string hallId,
        PutSanitationPlanRequest? request,
        ClaimsPrincipal user,
        SanitationDbContext db,
        IPlanAddedHandler planAdded,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var errors = SanitationPlanValidation.Validate(request, now);
        if (errors.Count > 0)
        {
            return Problem.Validation(errors);
        }

        if (await db.Halls.FindKnownAsync(hallId, cancellationToken) is not { } hall)
        {
            return SanitationProblems.UnknownHall(hallId);
        }

        var latest = await db.Plans.Where(p => p.HallId == hallId).MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;
        var waste = request!.WasteBagStrength;
        var plan = new SanitationPlan
        {
            HallId = hallId,
            Version = latest + 1,
            EffectiveFrom = (request.EffectiveFrom ?? now).ToUniversalTime(),
            // Validated: no null rule, every required field present.
            Rules = request.Rules is null
                ? [.. SanitationPlanDefaults.Rules]
                : [.. request.Rules.OfType<SanitationRuleRequest>().Select(SanitationPlanValidation.ToRule)],
            GraceMinutes = request.GraceMinutes ?? SanitationPlanDefaults.GraceMinutes,
            EscalateAfterMinutes = request.EscalateAfterMinutes ?? SanitationPlanDefaults.EscalateAfterMinutes,
            EscalationCooldownMinutes = request.EscalationCooldownMinutes ?? SanitationPlanDefaults.EscalationCooldownMinutes,
            MeetingMaxAttendees = request.MeetingMaxAttendees ?? SanitationPlanDefaults.MeetingMaxAttendees,
            MeetingMaxMinutes = request.MeetingMaxMinutes ?? SanitationPlanDefaults.MeetingMaxMinutes,
            EnforceMeetingLimits = request.EnforceMeetingLimits ?? true,
            WasteBagStrength = waste is { Min: { } min, Max: { } max, Unit: { } unit } ? new Strength(min, max, unit) : SanitationPlanDefaults.WasteBagStrength,
            SuppliesLowCooldownMinutes = request.SuppliesLowCooldownMinutes ?? SanitationPlanDefaults.SuppliesLowCooldownMinutes,
            DailyMaskPerStaff = request.DailyMaskPerStaff ?? true,
            MaskItemId = request.MaskItemId ?? SanitationPlanDefaults.MaskItemId,
            CreatedAt = now,
            CreatedBy = user.Subject(),
        };
        db.Plans.Add(plan);
        if (await VersionedPolicyEndpoints.SaveVersionAsync(hallId, () => db.SaveChangesAsync(cancellationToken)) is { } conflict)
        {
            return conflict;
        }

        // Tomorrow may begin under this version even when it takes effect later today. The version is
        // committed: regenerating is best effort (the sweep catches up), never a 500 for a stored plan.
        await planAdded.PlanAddedAsync(hallId, hall.TimeZone, cancellationToken);
        return Api.Created(hallId, plan.EffectiveFrom, SanitationPlanResponse.From(plan));
    }
}
