namespace CivicHall.Screening.Staff;

/// <summary>
/// A staff member's health file (一人一档): identity, vaccination, nucleic-acid and antigen tests they
/// uploaded, and symptoms they declared. A staff reading at the entrance takes its test results from
/// here when the device has none, so the daily check-in decides on the whole file.
/// </summary>
public sealed class StaffHealthFile
{
    public required string StaffId { get; init; }

    public required string HallId { get; set; }

    public required string PersonKey { get; set; }

    public required string IdNumberEncrypted { get; set; }

    public required string IdNumberMasked { get; set; }

    public required string NameEncrypted { get; set; }

    public required string NameMasked { get; set; }

    public int VaccinationDoses { get; set; }

    public DateOnly? LastDoseOn { get; set; }

    /// <summary>
    /// Why this person is exempt from vaccination (a contraindication the duty leader verified), encrypted:
    /// it is health data (DESIGN §6). Null when not exempt; then <see cref="VaccinationExemptedBy"/> and
    /// <see cref="VaccinationExemptedAt"/> are null too.
    /// </summary>
    public string? VaccinationExemptionReasonEncrypted { get; set; }

    /// <summary>The duty leader or ops (token subject) who recorded the exemption.</summary>
    public string? VaccinationExemptedBy { get; set; }

    public DateTimeOffset? VaccinationExemptedAt { get; set; }

    public List<HealthTest> Tests { get; set; } = [];

    public List<SymptomDeclaration> Symptoms { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    /// <summary>Optimistic concurrency: two writers of one file cannot lose each other's change.</summary>
    public int Revision { get; set; }
}

/// <summary>A test result: <c>nucleic</c> or <c>antigen</c>, <c>negative</c> or <c>positive</c>.</summary>
public sealed record HealthTest(DateTimeOffset At, string Kind, string Result);

/// <summary>Symptoms declared for a day (the hall's local date); an empty list declares none.</summary>
public sealed record SymptomDeclaration(DateOnly On, IReadOnlyList<string> Symptoms);

public static class HealthTestKinds
{
    public const string Nucleic = "nucleic";
    public const string Antigen = "antigen";

    public static readonly IReadOnlyList<string> All = [Nucleic, Antigen];
}
