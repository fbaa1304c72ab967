namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// A case took a step of <c>opened → isolated → reported → transferred → closed</c>: <see cref="Step"/> is the state
/// it reached, by whom and when. <see cref="ZoneId"/> is the isolation zone (isolated), <see cref="Destination"/>
/// <c>hospital</c>, <c>home_observation</c> or <c>released</c> (transferred), <see cref="Outcome"/> the close's outcome.
/// </summary>
public sealed record IncidentStepRecorded(
    Guid IncidentId,
    string HallId,
    string Kind,
    string Step,
    string By,
    string? ZoneId,
    string? Destination,
    string? Outcome,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
