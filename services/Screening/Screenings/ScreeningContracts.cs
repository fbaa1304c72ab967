using CivicHall.Screening.Decisions;

namespace CivicHall.Screening.Screenings;

/// <summary>
/// A reading from an entrance device (数字哨兵) or a screener. <see cref="ReadingId"/>, chosen by the
/// device for each reading, makes sending it again safe: the same id gets the same decision back.
/// </summary>
public sealed record CreateScreeningRequest(
    Guid? ReadingId,
    string? HallId,
    string? PersonKind,
    ScreenedPerson? Person,
    string? HealthCode,
    bool? OfflineCode,
    bool? RegisteredDisabled,
    DateTimeOffset? TestAt,
    string? TestResult,
    DateTimeOffset? AntigenAt,
    string? AntigenResult,
    decimal? TemperatureC,
    bool? Mask,
    IReadOnlyList<string?>? Symptoms,
    string? Lane,
    string? DeviceId,
    Guid? RetestOf,
    DateTimeOffset? TakenAt);

public sealed record ScreenedPerson(string? IdNumber, string? Name, string? Address, string? Phone);

/// <summary>The decision, with every finding and the rule behind it; personal data masked.</summary>
public sealed record ScreeningResponse(
    Guid ScreeningId,
    string HallId,
    string PersonKind,
    string IdNumberMasked,
    string NameMasked,
    DateTimeOffset TakenAt,
    string Outcome,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> Measures,
    int PolicyVersion,
    decimal TemperatureC,
    string HealthCode,
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
