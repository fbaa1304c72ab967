using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CivicHall.Benchmarks;

/// <summary>Listens to the relay's own metrics: how long its passes took and how many rows each carried.</summary>
public sealed class RelayPasses : IDisposable
{
    private readonly MeterListener _listener = new();

    public RelayPasses()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CivicHall.Messaging" && instrument.Name.StartsWith("civichall.outbox.relay_pass", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => DurationsMs.Add(value));
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Rows.Add(value));
        _listener.Start();
    }

    public ConcurrentBag<double> DurationsMs { get; } = [];

    public ConcurrentBag<int> Rows { get; } = [];

    public void Clear()
    {
        DurationsMs.Clear();
        Rows.Clear();
    }

    public void Dispose() => _listener.Dispose();
}
