namespace CivicHall.Contracts.Screening.V1;

/// <summary>A person was turned away at the entrance (<c>deny</c>), with the rules that decided it.</summary>
public sealed record ScreeningDenied(
    Guid ScreeningId,
    string HallId,
    string PersonKey,
    string PersonKind,
    IReadOnlyList<string> Rules,
    int PolicyVersion,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
