namespace CivicHall.Contracts.Incidents.V1;

/// <summary>
/// A case's contacts were traced: screening and occupancy hold the records of every person on the list at the hall
/// (with the case, as for the case's own person) until the case closes plus the policy's period
/// (<see cref="IncidentClosed.RecordsHeldUntil"/>). Person keys only, never a clear identity.
/// </summary>
/// <param name="IncidentId">The case the list belongs to.</param>
/// <param name="TracingId">The tracing run (a case may be traced again; each run's people are held).</param>
/// <param name="HallId">The hall whose records are held.</param>
/// <param name="PersonKeys">Screening's keys of the people on the list (contacts of every kind, booked-but-not-seen included).</param>
/// <param name="From">Start of the exposure window traced.</param>
/// <param name="To">End of the exposure window traced.</param>
/// <param name="OccurredAt">When the list was made.</param>
public sealed record ContactsTraced(
    Guid IncidentId,
    Guid TracingId,
    string HallId,
    IReadOnlyList<string> PersonKeys,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
