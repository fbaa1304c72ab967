using System.ComponentModel.DataAnnotations;
using CivicHall.Screening.Decisions;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Screening.Staff;

/// <summary>
/// The whole file, replaced at once by a duty leader or ops (the latest 100 tests and 60 declarations
/// are kept): the identity it is bound to, the vaccination they verified, tests and symptoms.
/// </summary>
public sealed record PutStaffHealthFileRequest(
    [Required, Identifier] string? HallId,
    [Required] StaffPerson? Person,
    [Range(0, 10)] int? VaccinationDoses,
    DateOnly? LastDoseOn,
    [MaxLength(StaffHealthFileValidation.MaxTests)] IReadOnlyList<HealthTestRequest?>? Tests,
    [MaxLength(StaffHealthFileValidation.MaxDeclarations)] IReadOnlyList<SymptomDeclarationRequest?>? Symptoms,
    VaccinationExemptionRequest? VaccinationExemption = null)
{
    /// <summary>The validated request as the file keeps it: the ID number normalised, the name and reason trimmed.</summary>
    public StaffHealthFileContent ToContent() => new(
        HallId!,
        ChineseIdNumber.Normalize(Person!.IdNumber!),
        Person.Name!.Trim(),
        VaccinationDoses ?? 0,
        LastDoseOn,
        VaccinationExemption?.Reason?.Trim(),
        [.. (Tests ?? []).OfType<HealthTestRequest>().Select(t => t.ToTest())],
        [.. (Symptoms ?? []).OfType<SymptomDeclarationRequest>().Select(d => d.ToDeclaration())]);
}

/// <summary>The staff member's identity: resident ID number and name.</summary>
public sealed record StaffPerson(
    [Required, StringLength(18, MinimumLength = 18), RegularExpression(ChineseIdNumber.Pattern)] string? IdNumber,
    [Required, StringLength(PersonalFields.NameMaxLength, MinimumLength = 1)] string? Name);

/// <summary>
/// An exemption from vaccination the duty leader verified (e.g. a contraindication certified by a
/// hospital); the file records who recorded it and when. Null or left out: not exempt.
/// </summary>
public sealed record VaccinationExemptionRequest([Required, StringLength(200, MinimumLength = 4)] string? Reason);

/// <summary>Who recorded an exemption and when; the reason is kept encrypted (health data) and not shown.</summary>
public sealed record VaccinationExemptionResponse(string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// A test result: <c>kind</c> <c>nucleic</c> or <c>antigen</c>, <c>result</c> <c>negative</c> or
/// <c>positive</c>, and when it was taken. The body of <c>POST …/health-file/tests</c>.
/// </summary>
public sealed record HealthTestRequest(
    [Required] DateTimeOffset? At,
    [Required, AllowedValues(HealthTestKinds.Nucleic, HealthTestKinds.Antigen)] string? Kind,
    [Required, AllowedValues(TestResults.Negative, TestResults.Positive)] string? Result)
{
    /// <summary>A validated test as the file keeps it (in UTC).</summary>
    public HealthTest ToTest() => new(At.GetValueOrDefault().ToUniversalTime(), Kind ?? string.Empty, Result ?? string.Empty);
}

/// <summary>
/// Symptoms for a day (the hall's local date); an empty list declares none. The body of
/// <c>POST …/health-file/symptoms</c>.
/// </summary>
public sealed record SymptomDeclarationRequest(
    [Required] DateOnly? On,
    [Required, MaxLength(StaffHealthFileValidation.MaxSymptoms), Items(MaxLength = 50)] IReadOnlyList<string?>? Symptoms)
{
    /// <summary>A validated declaration as the file keeps it (symptoms trimmed, each once).</summary>
    public SymptomDeclaration ToDeclaration() =>
        new(On.GetValueOrDefault(), [.. (Symptoms ?? []).OfType<string>().Select(s => s.Trim()).Distinct(StringComparer.Ordinal)]);
}

/// <summary>The file with identity masked.</summary>
public sealed record StaffHealthFileResponse(
    string StaffId,
    string HallId,
    string IdNumberMasked,
    string NameMasked,
    int VaccinationDoses,
    DateOnly? LastDoseOn,
    VaccinationExemptionResponse? VaccinationExemption,
    IReadOnlyList<HealthTest> Tests,
    IReadOnlyList<SymptomDeclaration> Symptoms,
    DateTimeOffset UpdatedAt,
    int Revision)
{
    public static StaffHealthFileResponse From(StaffHealthFile f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var exemption = f is { VaccinationExemptedBy: { } by, VaccinationExemptedAt: { } at } ? new VaccinationExemptionResponse(by, at) : null;
        return new(f.StaffId, f.HallId, f.IdNumberMasked, f.NameMasked, f.VaccinationDoses, f.LastDoseOn, exemption, f.Tests, f.Symptoms, f.UpdatedAt, f.Revision);
    }
}
