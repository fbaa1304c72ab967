namespace CivicHall.Contracts.Occupancy.V1;

/// <summary>
/// A zone's count rose to an alert level of the hall's policy (e.g. 80 or 100 per cent of its
/// capacity). Raised again for the same level only after the policy's cool-down, so a count hovering
/// at a level does not flood the duty leader.
/// </summary>
public sealed record ZoneAtCapacity(
    string HallId,
    string ZoneId,
    int LevelPercent,
    int Count,
    int Capacity,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
