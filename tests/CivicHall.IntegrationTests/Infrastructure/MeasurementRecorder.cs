using System.Diagnostics.Metrics;

namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>One measurement of an instrument, with its tags (a fractional value, such as a duration, cut to its whole part).</summary>
public sealed record Measured(string Instrument, long Value, IReadOnlyDictionary<string, object?> Tags)
{
    /// <summary>True when every given tag has the given value.</summary>
    public bool Has(params (string Key, object? Value)[] tags) =>
        tags.All(t => Tags.TryGetValue(t.Key, out var value) && Equals(value?.ToString(), t.Value?.ToString()));
}

/// <summary>
/// Listens to the CivicHall meters of every host in the test process. The meters are process-wide, so
/// other classes' hosts move them too: a test looks only at the measurements tagged with halls of its own.
/// </summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();
    private readonly Lock _observing = new();

    public MeasurementRecorder(params string[] meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Contains(instrument.Meter.Name, StringComparer.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, (long)value, tags));
        _listener.Start();
    }

    /// <summary>The sum of what was added to a counter (or up-down counter) under the given tags so far.</summary>
    public long Sum(string instrument, params (string Key, object? Value)[] tags) =>
        _measured.Where(m => m.Instrument == instrument && m.Has(tags)).Sum(m => m.Value);

    /// <summary>How many measurements an instrument (a histogram, say) made under the given tags so far.</summary>
    public int Count(string instrument, params (string Key, object? Value)[] tags) =>
        _measured.Count(m => m.Instrument == instrument && m.Has(tags));

    /// <summary>What a gauge shows now under the given tags (its callbacks are asked afresh); null when it reports none.</summary>
    public long? Observe(string instrument, params (string Key, object? Value)[] tags)
    {
        lock (_observing)
        {
            var before = _measured.Count;
            _listener.RecordObservableInstruments();
            return _measured.Skip(before).LastOrDefault(m => m.Instrument == instrument && m.Has(tags))?.Value;
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measured.Enqueue(new Measured(instrument.Name, value, copy));
    }
}
