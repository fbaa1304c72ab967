namespace CivicHall.Occupancy.Live;

/// <summary>
/// One numbered change of a hall's floor, as <c>occupancy_changed</c> announces it with
/// <c>pg_notify('civichall_occupancy', …)</c> and as the live stream sends it (<c>event: change</c>):
/// the hall's totals after the change and the zones it touched. <see cref="Sequence"/> increases by
/// one per change of the hall, in commit order. <see cref="ZonesOmitted"/> is true for a change that
/// touched too many zones for one notification (the replan of a very large hall): its zones are not
/// listed, and a client reads them with <c>GET …/occupancy</c>.
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
    IReadOnlyList<ZoneChange> Zones,
    bool ZonesOmitted = false);

/// <summary>A zone the change touched, after the change.</summary>
public sealed record ZoneChange(string ZoneId, string Kind, int Count, int Capacity, string State);
