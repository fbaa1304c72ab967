using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;

namespace CivicHall.Occupancy.Live;

/// <summary>
/// The floor of every hall as the metrics show it (<see cref="OccupancyTelemetry"/>): per zone its count
/// and capacity, per hall its queue. Fed by every change the live feed hears (as it commits, no query)
/// and corrected by <see cref="FloorSnapshots"/>, which reads the whole floor now and then: for the halls
/// that did not change since the process started, a change too large to list its zones, and what the feed
/// missed while its connection was down. Each hall's state carries the change sequence it is as of, so an
/// older view never replaces a newer one, whichever arrives last. The gauges read this state; they never
/// query the database.
/// </summary>
/// <remarks>
/// Admissions and exits are counted here too, from the changes <c>admitted</c>, <c>queue_advanced</c> and
/// <c>exited</c> (<see cref="MovementOf"/>): the let-ins from the queue happen inside the database functions
/// (after an exit, a move, a reopened zone, a resumed hall, a larger plan) and reach the service only as changes.
/// </remarks>
public sealed class FloorGauges : IDisposable
{
    private readonly ConcurrentDictionary<string, HallFloor> _halls = new(StringComparer.Ordinal);

    public FloorGauges() => OccupancyTelemetry.Register(this);

    /// <summary>A change as the feed heard it: the hall's queue and the zones it touched, and a movement counted.</summary>
    public void Apply(OccupancyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _halls.AddOrUpdate(change.HallId, static (_, c) => HallFloor.Empty.With(c), static (_, floor, c) => floor.With(c), change);
        if (MovementOf(change) is { } movement)
        {
            var counter = movement.Kind == FloorMovementKind.Admission ? OccupancyTelemetry.Admissions : OccupancyTelemetry.Exits;
            if (movement.ZoneId is { } zone)
            {
                counter.Add(1, OccupancyTelemetry.Hall(change.HallId), OccupancyTelemetry.Zone(zone));
            }
            else
            {
                counter.Add(1, OccupancyTelemetry.Hall(change.HallId));
            }
        }
    }

    /// <summary>A hall's whole floor as read at <paramref name="sequence"/>: kept unless a later change was applied meanwhile.</summary>
    public void ApplySnapshot(string hallId, long sequence, int queueLength, IEnumerable<KeyValuePair<string, ZoneGauge>> zones)
    {
        ArgumentNullException.ThrowIfNull(hallId);
        var snapshot = new HallFloor(sequence, queueLength, ImmutableDictionary.CreateRange(StringComparer.Ordinal, zones));
        _halls.AddOrUpdate(hallId, static (_, s) => s, static (_, floor, s) => s.Sequence >= floor.Sequence ? s : floor, snapshot);
    }

    /// <summary>What the gauges show of one hall: the change sequence, the queue and each zone; null when unknown.</summary>
    public HallFloor? Of(string hallId) => _halls.TryGetValue(hallId, out var floor) ? floor : null;

    /// <summary>
    /// The movement a change is, for the admissions and exits counters: a visitor let onto the floor
    /// (<c>admitted</c> at the door, <c>queue_advanced</c> from the queue) or out of the hall (<c>exited</c>
    /// from a zone; staff leave from no zone and are not counted, as they are not admitted). Null otherwise.
    /// </summary>
    public static FloorMovement? MovementOf(OccupancyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var zone = change.Zones is [{ } first, ..] ? first.ZoneId : null;
        return change.Change switch
        {
            "admitted" or "queue_advanced" => new FloorMovement(FloorMovementKind.Admission, zone),
            "exited" when zone is not null => new FloorMovement(FloorMovementKind.Exit, zone),
            _ => null,
        };
    }

    internal IEnumerable<Measurement<int>> Inside() => Zones(z => z.Count);

    internal IEnumerable<Measurement<int>> Capacity() => Zones(z => z.Capacity);

    internal IEnumerable<Measurement<int>> Queued()
    {
        foreach (var (hallId, floor) in _halls)
        {
            yield return new Measurement<int>(floor.QueueLength, OccupancyTelemetry.Hall(hallId));
        }
    }

    private IEnumerable<Measurement<int>> Zones(Func<ZoneGauge, int> value)
    {
        foreach (var (hallId, floor) in _halls)
        {
            foreach (var (zoneId, zone) in floor.Zones)
            {
                yield return new Measurement<int>(value(zone), OccupancyTelemetry.Hall(hallId), OccupancyTelemetry.Zone(zoneId));
            }
        }
    }

    public void Dispose() => OccupancyTelemetry.Unregister(this);
}

/// <summary>One hall's floor as of change <see cref="Sequence"/>.</summary>
public sealed record HallFloor(long Sequence, int QueueLength, ImmutableDictionary<string, ZoneGauge> Zones)
{
    internal static readonly HallFloor Empty = new(-1, 0, ImmutableDictionary.Create<string, ZoneGauge>(StringComparer.Ordinal));

    /// <summary>After <paramref name="change"/>, unless this is already as of it or later.</summary>
    public HallFloor With(OccupancyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Sequence <= Sequence)
        {
            return this;
        }

        var zones = Zones.SetItems(change.Zones.Select(z => KeyValuePair.Create(z.ZoneId, new ZoneGauge(z.Count, z.Capacity))));
        return new HallFloor(change.Sequence, change.QueueLength, zones);
    }
}

public readonly record struct ZoneGauge(int Count, int Capacity);

public enum FloorMovementKind
{
    Admission,
    Exit,
}

public sealed record FloorMovement(FloorMovementKind Kind, string? ZoneId);
