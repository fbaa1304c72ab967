namespace CivicHall.Occupancy.Live;

/// <summary>
/// One numbered change of a hall's floor, as <c>occupancy_changed</c> announces it with
/// <c>pg_notify('civichall_occupancy', …)</c> and as the live stream sends it (<c>event: change</c>):
/// the hall's totals after the change and the zones it touched. <see cref="Sequence"/> increases by
/// one per change of the hall, in commit order.
/// </summary>
public sealed record OccupancyChange(
    string HallId,
    long Sequence,
    string Change,
    DateTimeOffset At,
    int Inside,
    int Capacity,
    int QueueLength,
    int StaffPresent,
    int ReceivedToday,
    int? DailyQuota,
    string OnSiteState,
    IReadOnlyList<ZoneChange> Zones);

/// <summary>A zone the change touched, after the change.</summary>
public sealed record ZoneChange(string ZoneId, string Kind, int Count, int Capacity, string State);
