using CivicHall.Screening.Decisions;

namespace CivicHall.Screening.Screenings;

/// <summary>
/// One reading at the entrance and its decision, as the hall plans ask to keep it (name, ID, address,
/// time and value of the temperature, symptoms, measures, outcome). The ID number is kept as the person
/// key (keyed hash) and an encrypted copy (DESIGN §6); the record is purged after <see cref="PurgeAfter"/>.
/// </summary>
public sealed class ScreeningRecord
{
    public Guid Id { get; init; }

    public required string HallId { get; init; }

    public required string PersonKind { get; init; }

    public required string PersonKey { get; init; }

    public required string IdNumberEncrypted { get; init; }

    public required string IdNumberMasked { get; init; }

    public required string NameEncrypted { get; init; }

    public required string NameMasked { get; init; }

    public string? AddressEncrypted { get; init; }

    public string? PhoneEncrypted { get; init; }

    public DateTimeOffset TakenAt { get; init; }

    public string? Lane { get; init; }

    public string? DeviceId { get; init; }

    /// <summary>The screener or device (token subject) that sent the reading.</summary>
    public required string RecordedBy { get; init; }

    public required string HealthCode { get; init; }

    public bool OfflineCode { get; init; }

    public bool RegisteredDisabled { get; init; }

    public DateTimeOffset? TestAt { get; init; }

    public string? TestResult { get; init; }

    public DateTimeOffset? AntigenAt { get; init; }

    public string? AntigenResult { get; init; }

    public decimal TemperatureC { get; init; }

    public bool Mask { get; init; }

    public List<string> Symptoms { get; init; } = [];

    /// <summary>The first reading this one re-takes, when it is a retest.</summary>
    public Guid? RetestOf { get; init; }

    public required string Outcome { get; init; }

    public List<Finding> Findings { get; init; } = [];

    public List<string> Measures { get; init; } = [];

    /// <summary>The policy version in force at <see cref="TakenAt"/>, which decided.</summary>
    public int PolicyVersion { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset PurgeAfter { get; init; }

    /// <summary>
    /// The incident case that holds the record past its retention (contact tracing); null when none.
    /// A held record is not purged.
    /// </summary>
    public string? HeldBy { get; set; }
}
