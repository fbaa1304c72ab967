namespace CivicHall.Contracts.Screening.V1;

/// <summary>
/// A reading ended in <c>isolate</c> (published by screening, consumed by incident to open a case): the
/// reading and the rules that decided it, so that incident can act without asking screening.
/// </summary>
public sealed record AbnormalPersonDetected(
    Guid ScreeningId,
    string HallId,
    string PersonKey,
    string PersonKind,
    IReadOnlyList<string> Rules,
    string HealthCode,
    decimal TemperatureC,
    IReadOnlyList<string> Symptoms,
    string? Lane,
    int PolicyVersion,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
