using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Screening.Screenings;

/// <summary>
/// A reading from an entrance device (数字哨兵) or a screener. <c>readingId</c>, chosen by the
/// device for each reading, makes sending it again safe: the same id gets the same decision back.
/// <c>testAt</c> and <c>testResult</c> go together, as do <c>antigenAt</c> and <c>antigenResult</c>;
/// <c>takenAt</c> (the device's time, now when left out) may be up to 24 h late.
/// </summary>
public sealed record CreateScreeningRequest(
    Guid? ReadingId,
    [Required, Identifier] string? HallId,
    [Required, AllowedValues(PersonKinds.Visitor, PersonKinds.Staff, PersonKinds.Courier, PersonKinds.Agent)] string? PersonKind,
    [Required] ScreenedPerson? Person,
    [Required, AllowedValues(HealthCodes.Green, HealthCodes.Yellow, HealthCodes.Red, HealthCodes.None)] string? HealthCode,
    bool? OfflineCode,
    bool? RegisteredDisabled,
    DateTimeOffset? TestAt,
    [AllowedValues(TestResults.Negative, TestResults.Positive)] string? TestResult,
    DateTimeOffset? AntigenAt,
    [AllowedValues(TestResults.Negative, TestResults.Positive)] string? AntigenResult,
    [Required, Description("°C; a value outside 30–43 is 422 reading_impossible.")] decimal? TemperatureC,
    [Required] bool? Mask,
    [MaxLength(20), Items(MaxLength = 50)] IReadOnlyList<string?>? Symptoms,
    [Identifier] string? Lane,
    [Identifier] string? DeviceId,
    Guid? RetestOf,
    DateTimeOffset? TakenAt);

/// <summary>The person read at the gate: resident ID number and name; address and phone optional.</summary>
public sealed record ScreenedPerson(
    [Required, StringLength(18, MinimumLength = 18), RegularExpression(ChineseIdNumber.Pattern)] string? IdNumber,
    [Required, StringLength(PersonalFields.NameMaxLength, MinimumLength = 1)] string? Name,
    [StringLength(PersonalFields.AddressMaxLength)] string? Address,
    [StringLength(PhoneNumber.MaxLength)] string? Phone);

/// <summary>The decision, with every finding and the rule behind it; personal data masked.</summary>
public sealed record ScreeningResponse(
    Guid ScreeningId,
    string HallId,
    [AllowedValues(PersonKinds.Visitor, PersonKinds.Staff, PersonKinds.Courier, PersonKinds.Agent)] string PersonKind,
    string IdNumberMasked,
    string NameMasked,
    DateTimeOffset TakenAt,
    [AllowedValues(Outcomes.Admit, Outcomes.ManualCheck, Outcomes.Deny, Outcomes.Retest, Outcomes.Isolate)] string Outcome,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> Measures,
    int PolicyVersion,
    decimal TemperatureC,
    [AllowedValues(HealthCodes.Green, HealthCodes.Yellow, HealthCodes.Red, HealthCodes.None)] string HealthCode,
    Guid? RetestOf,
    string? Lane)
{
    public static ScreeningResponse From(ScreeningRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.Id, r.HallId, r.PersonKind, r.IdNumberMasked, r.NameMasked, r.TakenAt, r.Outcome, r.Findings, r.Measures, r.PolicyVersion,
            r.TemperatureC, r.HealthCode, r.RetestOf, r.Lane);
    }
}
