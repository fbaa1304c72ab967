using System.Diagnostics.Metrics;

namespace CivicHall.Occupancy.Live;

/// <summary>Metrics of the live feed (meter <c>CivicHall.Occupancy</c>; ServiceDefaults exports <c>CivicHall.*</c>).</summary>
public static class OccupancyFeedMetrics
{
    public const string MeterName = "CivicHall.Occupancy";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly UpDownCounter<long> Subscribers = Meter.CreateUpDownCounter<long>(
        "civichall.occupancy.live.subscribers", unit: "{subscriber}", description: "Live streams subscribed to the feed now.");

    internal static readonly Counter<long> Changes = Meter.CreateCounter<long>(
        "civichall.occupancy.live.changes", unit: "{change}", description: "Changes the feed received from PostgreSQL.");

    internal static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        "civichall.occupancy.live.dropped", unit: "{subscriber}",
        description: "Subscribers ended by the feed (reason: lagging, feed_interrupted, shutting_down); their clients reconnect.");

    internal static readonly Counter<long> Reconnects = Meter.CreateCounter<long>(
        "civichall.occupancy.live.reconnects", unit: "{connection}", description: "Times the feed listened again after losing its connection.");
}
