namespace CivicHall.Screening.Policies;

/// <summary>A new policy version; omitted values take <see cref="ScreeningPolicyDefaults"/>.</summary>
public sealed record PutScreeningPolicyRequest(
    DateTimeOffset? EffectiveFrom,
    IReadOnlyList<PersonKindRulesRequest?>? Kinds,
    decimal? RetestAtC,
    decimal? IsolateAboveC,
    string? MaskRule,
    bool? BookingRequired,
    int? BookingEarlyMinutes,
    int? BookingLateMinutes,
    bool? SpecialGroupsWalkIn,
    int? ExemptUnderAge,
    int? ExemptFromAge,
    bool? ExemptRegisteredDisabled,
    int? SpotAntigenMinutes,
    int? RetentionDays);

public sealed record PersonKindRulesRequest(
    string? Kind, int? TestValidityHours, int? AntigenValidityHours, bool? AntigenOnTheSpot, bool? BoosterRequired = null, int? BoosterDoses = null);

public sealed record ScreeningPolicyResponse(
    string HallId,
    int Version,
    DateTimeOffset EffectiveFrom,
    IReadOnlyList<PersonKindRules> Kinds,
    decimal RetestAtC,
    decimal IsolateAboveC,
    string MaskRule,
    bool BookingRequired,
    int BookingEarlyMinutes,
    int BookingLateMinutes,
    bool SpecialGroupsWalkIn,
    int ExemptUnderAge,
    int ExemptFromAge,
    bool ExemptRegisteredDisabled,
    int SpotAntigenMinutes,
    int RetentionDays,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static ScreeningPolicyResponse From(ScreeningPolicy p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(
            p.HallId, p.Version, p.EffectiveFrom, p.Kinds, p.RetestAtC, p.IsolateAboveC, p.MaskRule, p.BookingRequired, p.BookingEarlyMinutes,
            p.BookingLateMinutes, p.SpecialGroupsWalkIn, p.ExemptUnderAge, p.ExemptFromAge, p.ExemptRegisteredDisabled, p.SpotAntigenMinutes,
            p.RetentionDays, p.CreatedAt, p.CreatedBy);
    }
}

/// <summary>The version in force at the instant asked for, and the versions that take effect later.</summary>
public sealed record ScreeningPolicyView(ScreeningPolicyResponse? Current, IReadOnlyList<ScreeningPolicyResponse> Upcoming);
