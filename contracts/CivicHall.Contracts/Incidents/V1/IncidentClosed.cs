namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// A case was closed with its outcome. Screening and occupancy keep the person's records held (<c>held_by</c>) by
/// the case until <see cref="RecordsHeldUntil"/>, then let their retention apply again.
/// </summary>
/// <param name="IncidentId">The case.</param>
/// <param name="HallId">Its hall.</param>
/// <param name="Kind">The case's kind.</param>
/// <param name="Outcome">How it ended (free text from the duty leader, e.g. "negative retest, released").</param>
/// <param name="PersonKey">Screening's key of the case's person, when known (never a clear ID number).</param>
/// <param name="RecordsHeldUntil">Until when records held for the case stay held (close + the policy's period).</param>
/// <param name="OccurredAt">When the case closed.</param>
public sealed record IncidentClosed(
    Guid IncidentId,
    string HallId,
    string Kind,
    string Outcome,
    string? PersonKey,
    DateTimeOffset RecordsHeldUntil,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
