namespace CivicHall.Screening.Staff;

/// <summary>
/// The whole file, replaced at once by a duty leader or ops (the latest 100 tests and 60 declarations
/// are kept): the identity it is bound to, the vaccination they verified, tests and symptoms.
/// </summary>
public sealed record PutStaffHealthFileRequest(
    string? HallId,
    StaffPerson? Person,
    int? VaccinationDoses,
    DateOnly? LastDoseOn,
    IReadOnlyList<HealthTestRequest?>? Tests,
    IReadOnlyList<SymptomDeclarationRequest?>? Symptoms,
    VaccinationExemptionRequest? VaccinationExemption = null);

public sealed record StaffPerson(string? IdNumber, string? Name);

/// <summary>
/// An exemption from vaccination the duty leader verified (e.g. a contraindication certified by a
/// hospital); the file records who recorded it and when. Null or left out: not exempt.
/// </summary>
public sealed record VaccinationExemptionRequest(string? Reason);

/// <summary>Who recorded an exemption and when; the reason is kept encrypted (health data) and not shown.</summary>
public sealed record VaccinationExemptionResponse(string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// A test result: <c>kind</c> <c>nucleic</c> or <c>antigen</c>, <c>result</c> <c>negative</c> or
/// <c>positive</c>, and when it was taken. The body of <c>POST …/health-file/tests</c>.
/// </summary>
public sealed record HealthTestRequest(DateTimeOffset? At, string? Kind, string? Result);

/// <summary>
/// Symptoms for a day (the hall's local date); an empty list declares none. The body of
/// <c>POST …/health-file/symptoms</c>.
/// </summary>
public sealed record SymptomDeclarationRequest(DateOnly? On, IReadOnlyList<string?>? Symptoms);

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
