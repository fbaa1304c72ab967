namespace CivicHall.Benchmarks.Occupancy;

/// <summary>One measured (or warm-up) phase: its load, the CPU it cost, the floors' check afterwards and its latencies.</summary>
internal sealed record Phase(
    string Name, string Label, FloorLoad Load, CpuMeter.Reading Cpu, FloorCheck.Result Check, double Seconds, Percentiles Admissions,
    FanoutResult? Fanout);

/// <summary>The fan-out phase's view of the live feed (<see cref="NotAvailable"/> says why there is none).</summary>
internal sealed record FanoutResult(
    string? NotAvailable, int Listeners, int Connected, string? ConnectError, Percentiles ToSnapshot, long ExpectedMin, long ExpectedMax,
    long ReceivedMin, long ReceivedMedian, long Missing, Percentiles Delay, Percentiles Counted, Percentiles Feed, int Matched,
    int Unmatched, int Dropped, TimeSpan GeneratorPauses = default, int GeneratorCollections = 0);
