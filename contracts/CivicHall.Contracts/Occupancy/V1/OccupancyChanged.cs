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
/// <param name="ZoneId">The zone.</param>
/// <param name="Kind">Its kind (<c>ZoneKinds</c>).</param>
/// <param name="Count">People in it now.</param>
/// <param name="Capacity">What it may hold now (0 while closed).</param>
/// <param name="State"><c>open</c> or <c>closed</c>.</param>
/// <param name="Entered">
/// How many times someone has stepped into the zone (let in, moved in from another zone), counted since
/// occupancy began keeping the zone: it only grows, so a consumer takes the difference between two events
/// for the people received in between. It starts again from 0 if the zone is removed and added again.
/// Added to V1 later: a message from before it reads 0.
/// </param>
public sealed record ZoneOccupancy(string ZoneId, string Kind, int Count, int Capacity, string State, long Entered = 0);
