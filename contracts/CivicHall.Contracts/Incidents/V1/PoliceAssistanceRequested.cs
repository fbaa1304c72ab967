namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// A person who refused the procedure after being dissuaded (经劝阻仍不配合) was reported to the police (110): the
/// record of the call, kept with the <c>refusal</c> case.
/// </summary>
/// <param name="IncidentId">The refusal case.</param>
/// <param name="HallId">Its hall.</param>
/// <param name="CalledBy">Who called 110 (the caller's subject).</param>
/// <param name="CalledAt">When the call was made.</param>
/// <param name="Answer">What the police answered (e.g. officers on their way), if anything yet.</param>
/// <param name="OccurredAt">When the call was recorded.</param>
public sealed record PoliceAssistanceRequested(
    Guid IncidentId,
    string HallId,
    string CalledBy,
    DateTimeOffset CalledAt,
    string? Answer,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
