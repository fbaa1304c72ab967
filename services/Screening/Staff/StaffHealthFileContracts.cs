namespace CivicHall.Screening.Staff;

/// <summary>The whole file, replaced at once (the latest 100 tests and 60 declarations are kept).</summary>
public sealed record PutStaffHealthFileRequest(
    string? HallId,
    StaffPerson? Person,
    int? VaccinationDoses,
    DateOnly? LastDoseOn,
    IReadOnlyList<HealthTest>? Tests,
    IReadOnlyList<SymptomDeclaration>? Symptoms);

public sealed record StaffPerson(string? IdNumber, string? Name);

/// <summary>The file with identity masked.</summary>
public sealed record StaffHealthFileResponse(
    string StaffId,
    string HallId,
    string IdNumberMasked,
    string NameMasked,
    int VaccinationDoses,
    DateOnly? LastDoseOn,
    IReadOnlyList<HealthTest> Tests,
    IReadOnlyList<SymptomDeclaration> Symptoms,
    DateTimeOffset UpdatedAt,
    int Revision)
{
    public static StaffHealthFileResponse From(StaffHealthFile f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.StaffId, f.HallId, f.IdNumberMasked, f.NameMasked, f.VaccinationDoses, f.LastDoseOn, f.Tests, f.Symptoms, f.UpdatedAt, f.Revision);
    }
}
