namespace CivicHall.Occupancy.Live;

/// <summary>
/// The clock that paces writes to live streams (<see cref="OccupancyFeedOptions.FlushInterval"/>):
/// real time, not the service's <see cref="TimeProvider"/> — a connection's pace is no rule of the
/// hall's day. Its own service so that tests can hold it still and move it by hand.
/// </summary>
public sealed class LiveFeedPacing(TimeProvider clock)
{
    public TimeProvider Clock { get; } = clock;
}
