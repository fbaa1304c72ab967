using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CivicHall.Occupancy.Live;

/// <summary>
/// The occupancy service's metrics (meter <c>CivicHall.Occupancy</c>; ServiceDefaults exports <c>CivicHall.*</c>).
/// Tags: <c>hall</c> and <c>zone</c> ids (a hall has tens of zones at most), <c>reason</c>; never a person.
/// </summary>
/// <remarks>
/// The floor's instruments describe the halls, not this replica: every replica's live feed hears every
/// change of every hall (<see cref="OccupancyFeed"/>), whichever replica made it, and feeds
/// <see cref="FloorGauges"/> from it. So each replica reports the same values for a hall — compare or
/// take the maximum across replicas, never add them up.
/// </remarks>
public static class OccupancyTelemetry
{
    public const string MeterName = "CivicHall.Occupancy";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<FloorGauges, byte> Floors = new();

    internal static readonly ObservableGauge<int> Inside = Meter.CreateObservableGauge(
        "civichall.occupancy.inside", () => Observe(floor => floor.Inside()), unit: "{person}",
        description: "People in each zone of a hall now (a hall's public total is the sum over its public zones).");

    internal static readonly ObservableGauge<int> Capacity = Meter.CreateObservableGauge(
        "civichall.occupancy.capacity", () => Observe(floor => floor.Capacity()), unit: "{person}",
        description: "What each zone of a hall may hold now (0 while closed).");

    internal static readonly ObservableGauge<int> Queued = Meter.CreateObservableGauge(
        "civichall.occupancy.queued", () => Observe(floor => floor.Queued()), unit: "{person}",
        description: "People waiting in a hall's door queue (排队区) now.");

    internal static readonly Counter<long> Admissions = Meter.CreateCounter<long>(
        "civichall.occupancy.admissions", unit: "{person}",
        description: "Visitors let onto a hall's floor, into the zone they entered: at the door or from the queue.");

    internal static readonly Counter<long> Exits = Meter.CreateCounter<long>(
        "civichall.occupancy.exits", unit: "{person}", description: "Visitors who left a hall, from the zone they were in.");

    internal static readonly UpDownCounter<long> Subscribers = Meter.CreateUpDownCounter<long>(
        "civichall.occupancy.live.subscribers", unit: "{subscriber}", description: "Live streams (server-sent events) of a hall open on this replica now.");

    internal static readonly Counter<long> Changes = Meter.CreateCounter<long>(
        "civichall.occupancy.live.changes", unit: "{change}", description: "Changes the feed received from PostgreSQL.");

    internal static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        "civichall.occupancy.live.dropped", unit: "{subscriber}",
        description: "Subscribers ended by the feed (reason: lagging, feed_interrupted, shutting_down); their clients reconnect.");

    internal static readonly Counter<long> Reconnects = Meter.CreateCounter<long>(
        "civichall.occupancy.live.reconnects", unit: "{connection}", description: "Times the feed listened again after losing its connection.");

    internal static KeyValuePair<string, object?> Hall(string hallId) => new("hall", hallId);

    internal static KeyValuePair<string, object?> Zone(string zoneId) => new("zone", zoneId);

    /// <summary>A process has one <see cref="FloorGauges"/>; a test process hosting several services has one each.</summary>
    internal static void Register(FloorGauges floor) => Floors.TryAdd(floor, 0);

    internal static void Unregister(FloorGauges floor) => Floors.TryRemove(floor, out _);

    private static IEnumerable<Measurement<int>> Observe(Func<FloorGauges, IEnumerable<Measurement<int>>> read) =>
        Floors.Keys.SelectMany(read);
}
