namespace CivicHall.Screening.Staff;

/// <summary>A validated replacement of a whole health file: the identity (ID number normalised, name trimmed) and what the file holds.</summary>
public sealed record StaffHealthFileContent(
    string HallId,
    string IdNumber,
    string Name,
    int VaccinationDoses,
    DateOnly? LastDoseOn,
    string? ExemptionReason,
    IReadOnlyList<HealthTest> Tests,
    IReadOnlyList<SymptomDeclaration> Symptoms);
