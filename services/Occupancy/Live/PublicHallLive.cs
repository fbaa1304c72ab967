namespace CivicHall.Occupancy.Live;

/// <summary>
/// What the hall's door screen and the app show anyone (实时人流): the hall's totals and queue, no zone
/// and nobody. <see cref="Sequence"/> is the hall's change sequence the totals are after; <see cref="At"/>
/// when they were read or changed (UTC).
/// </summary>
public sealed record PublicHallLive(
    string HallId,
    long Sequence,
    string OnSiteState,
    int Inside,
    int Capacity,
    int QueueLength,
    DateTimeOffset At)
{
    public static PublicHallLive From(OccupancyView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.HallId, view.Sequence, view.OnSiteState, view.Inside, view.Capacity, view.QueueLength, view.At.ToUniversalTime());
    }

    public static PublicHallLive From(OccupancyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.HallId, change.Sequence, change.OnSiteState, change.Inside, change.Capacity, change.QueueLength, change.At.ToUniversalTime());
    }
}
