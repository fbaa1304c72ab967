using System.ComponentModel.DataAnnotations;
using CivicHall.Contracts.Screening.V1;
namespace CivicHall.Screening.Policies;

/// <summary>A new policy version; omitted values take the defaults of the hall plans. <c>isolateAboveC</c> is at least <c>retestAtC</c>.</summary>
public sealed record PutScreeningPolicyRequest(
    DateTimeOffset? EffectiveFrom,
    [MaxLength(4)] IReadOnlyList<PersonKindRulesRequest?>? Kinds,
    [Range(36.5, 38.5)] decimal? RetestAtC,
    [Range(36.5, 39.5)] decimal? IsolateAboveC,
    [AllowedValues(MaskRules.Refuse, MaskRules.Provide)] string? MaskRule,
    bool? BookingRequired,
    [Range(0, 240)] int? BookingEarlyMinutes,
    [Range(0, 240)] int? BookingLateMinutes,
    bool? SpecialGroupsWalkIn,
    [Range(0, 30)] int? ExemptUnderAge,
    [Range(40, 120)] int? ExemptFromAge,
    bool? ExemptRegisteredDisabled,
    [Range(5, 1440)] int? SpotAntigenMinutes,
    [Range(1, 365)] int? RetentionDays);

/// <summary>The rules of one person kind (each kind at most once); a null validity means no test of that kind is asked for. The booster rule is for staff only.</summary>
public sealed record PersonKindRulesRequest(
    [Required, AllowedValues(PersonKinds.Visitor, PersonKinds.Staff, PersonKinds.Courier, PersonKinds.Agent)] string? Kind,
    [Range(1, 720)] int? TestValidityHours,
    [Range(1, 720)] int? AntigenValidityHours,
    bool? AntigenOnTheSpot,
    bool? BoosterRequired = null,
    [Range(1, 10)] int? BoosterDoses = null);

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
