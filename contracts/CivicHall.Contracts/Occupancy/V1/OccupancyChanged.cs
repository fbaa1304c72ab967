namespace CivicHall.Contracts.Occupancy.V1;

/// <summary>
/// How full a hall is now (published by occupancy, throttled: at most one per hall per few seconds,
/// and one after the last change). <see cref="Sequence"/> grows with every change of the hall, so a
/// consumer keeps the newest. Counts only: who is inside is never in this event.
/// </summary>
public sealed record OccupancyChanged(
    string HallId,
    long Sequence,
    int Inside,
    int Capacity,
    int QueueLength,
    int StaffPresent,
    int ReceivedToday,
    int? DailyQuota,
    IReadOnlyList<ZoneOccupancy> Zones,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>One zone's count against its capacity; <see cref="State"/> is <c>open</c> or <c>closed</c>.</summary>
public sealed record ZoneOccupancy(string ZoneId, string Kind, int Count, int Capacity, string State);
