using System.Diagnostics;
using CivicHall.Benchmarks.Occupancy;

namespace CivicHall.Benchmarks.Sanitation;

/// <summary>
/// Wall time and CPU (user + system) of one in-process phase: this process (the service code and EF Core)
/// and the PostgreSQL server processes of the benchmark's database, read from /proc as benchmarks/lib.sh does.
/// </summary>
internal sealed class PhaseTimer
{
    private readonly string _database;
    private readonly int _hz;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    private Dictionary<int, long> _postgres0 = [];

    private PhaseTimer(string database, int hz)
    {
        _database = database;
        _hz = hz;
    }

    public static async Task<PhaseTimer> StartAsync(string database, int hz)
    {
        var timer = new PhaseTimer(database, hz);
        timer._postgres0 = await CpuMeter.PostgresTicksAsync(database);
        return timer;
    }

    /// <summary>Wall time, this process's CPU and PostgreSQL's CPU, all in ms.</summary>
    public async Task<(double WallMs, double ProcessMs, double PostgresMs)> StopAsync()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - _cpu0).TotalMilliseconds;
        var postgres = (await CpuMeter.PostgresTicksAsync(_database)).Sum(p => p.Value - _postgres0.GetValueOrDefault(p.Key));
        return (wall, cpu, postgres * 1000.0 / _hz);
    }
}
