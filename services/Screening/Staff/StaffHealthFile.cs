using CivicHall.ServiceDefaults.PersonalData;

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

    /// <summary>The latest test of <paramref name="kind"/> taken at or before <paramref name="at"/>; null when none.</summary>
    public HealthTest? LatestTest(string kind, DateTimeOffset at) => Tests.Where(t => t.Kind == kind && t.At <= at).MaxBy(t => t.At);

    /// <summary>The symptoms declared for <paramref name="day"/> (the hall's local date).</summary>
    public IEnumerable<string> SymptomsOn(DateOnly day) => Symptoms.Where(d => d.On == day).SelectMany(d => d.Symptoms);

    /// <summary>
    /// Binds the file to a person and replaces the vaccination, tests and declarations at once (a duty
    /// leader's <c>PUT</c>). A file opened by this replacement starts at revision 0, a replaced one moves on.
    /// </summary>
    public void Replace(StaffHealthFileContent content, PersonalDataProtector personalData, string by, DateTimeOffset now, bool opened)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(personalData);
        if (!opened)
        {
            Revision++;
        }

        HallId = content.HallId;
        PersonKey = personalData.PersonKey(content.IdNumber);
        IdNumberEncrypted = personalData.Encrypt(content.IdNumber);
        IdNumberMasked = Masking.IdNumber(content.IdNumber);
        NameEncrypted = personalData.Encrypt(content.Name);
        NameMasked = Masking.Name(content.Name);
        VaccinationDoses = content.VaccinationDoses;
        LastDoseOn = content.LastDoseOn;
        RecordExemption(content.ExemptionReason, personalData, by, now);
        Tests = Latest([.. content.Tests]);
        Symptoms = Latest([.. content.Symptoms]);
        UpdatedAt = now;
        UpdatedBy = by;
    }

    /// <summary>
    /// Adds a test. The same test again changes nothing; the same kind at the same time with another
    /// result is a conflict, so that a result once recorded cannot be overwritten.
    /// </summary>
    public HealthFileChange AddTest(HealthTest test, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(test);
        var same = Tests.FirstOrDefault(t => t.At == test.At && t.Kind == test.Kind);
        if (same is not null)
        {
            return same.Result == test.Result ? HealthFileChange.Unchanged : HealthFileChange.Conflict;
        }

        Tests = Latest([.. Tests, test]);
        Touch(by, now);
        return HealthFileChange.Changed;
    }

    /// <summary>
    /// Declares symptoms for a day. Declarations for one day add up: a later one cannot withdraw a
    /// symptom (a duty leader corrects the file by replacing it).
    /// </summary>
    public HealthFileChange DeclareSymptoms(SymptomDeclaration declaration, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var earlier = Symptoms.FirstOrDefault(d => d.On == declaration.On);
        var merged = earlier is null
            ? declaration
            : earlier with { Symptoms = [.. earlier.Symptoms.Concat(declaration.Symptoms).Distinct(StringComparer.Ordinal)] };
        if (earlier is not null && merged.Symptoms.Count == earlier.Symptoms.Count)
        {
            return HealthFileChange.Unchanged;
        }

        Symptoms = Latest([.. Symptoms.Where(d => d.On != declaration.On), merged]);
        Touch(by, now);
        return HealthFileChange.Changed;
    }

    /// <summary>
    /// Sets or clears the exemption from vaccination. The same reason sent again with the rest of the file
    /// keeps who recorded it and when; a new reason is recorded by this caller now.
    /// </summary>
    private void RecordExemption(string? reason, PersonalDataProtector personalData, string by, DateTimeOffset now)
    {
        if (reason is null)
        {
            (VaccinationExemptionReasonEncrypted, VaccinationExemptedBy, VaccinationExemptedAt) = (null, null, null);
        }
        else if (VaccinationExemptionReasonEncrypted is not { } recorded || personalData.Decrypt(recorded) != reason)
        {
            (VaccinationExemptionReasonEncrypted, VaccinationExemptedBy, VaccinationExemptedAt) = (personalData.Encrypt(reason), by, now);
        }
    }

    private void Touch(string by, DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    private static List<HealthTest> Latest(List<HealthTest> tests) =>
        [.. tests.OrderByDescending(t => t.At).Take(StaffHealthFileValidation.MaxTests)];

    private static List<SymptomDeclaration> Latest(List<SymptomDeclaration> declarations) =>
        [.. declarations.OrderByDescending(d => d.On).Take(StaffHealthFileValidation.MaxDeclarations)];
}
