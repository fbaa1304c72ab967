using CivicHall.Contracts.Screening.V1;

namespace CivicHall.Screening.Policies;

/// <summary>
/// What a policy version leaves out, from the hall plans (seeds): 48 h tests for visitors and agents,
/// 24 h for staff, couriers tested by antigen at the door when they fail; retest at 37.3 °C, isolate
/// above 37.5 °C; no mask, no entry; a booking for the current window, elderly and disabled excepted;
/// under 18, 60 and over and registered disabled people may enter with ID and offline code.
/// </summary>
public static class ScreeningPolicyDefaults
{
    public const decimal RetestAtC = 37.3m;
    public const decimal IsolateAboveC = 37.5m;
    public const string MaskRule = MaskRules.Refuse;
    public const bool BookingRequired = true;
    public const int BookingEarlyMinutes = 30;
    public const int BookingLateMinutes = 15;
    public const bool SpecialGroupsWalkIn = true;
    public const int ExemptUnderAge = 18;
    public const int ExemptFromAge = 60;
    public const bool ExemptRegisteredDisabled = true;
    public const int SpotAntigenMinutes = 60;

    /// <summary>Four weeks: two incubation periods, for contact tracing.</summary>
    public const int RetentionDays = 28;

    public static IReadOnlyList<PersonKindRules> Kinds { get; } =
    [
        new(PersonKinds.Visitor, TestValidityHours: 48, AntigenValidityHours: null, AntigenOnTheSpot: false),
        new(PersonKinds.Staff, TestValidityHours: 24, AntigenValidityHours: null, AntigenOnTheSpot: false),
        new(PersonKinds.Courier, TestValidityHours: 48, AntigenValidityHours: null, AntigenOnTheSpot: true),
        new(PersonKinds.Agent, TestValidityHours: 48, AntigenValidityHours: null, AntigenOnTheSpot: false),
    ];
}
