using System.Globalization;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>The load generator's command line, as <c>scripts/bench-occupancy</c> passes it (every option has a default).</summary>
internal sealed record BenchOptions(
    string RunId, int Seconds, int Warmup, string[] Phases, int Listeners, int Capacity, int QueueTarget, double Rate, double FanoutRate,
    int ExitConnections, int Publishers, int AdmissionWindow, string Via, string? StreamBase, int OccupancyPid, int GatewayPid, int Hz,
    string Out)
{
    public static readonly string[] AllPhases = ["halls50", "hall1", "fanout"];

    public static BenchOptions Parse(string[] args)
    {
        string Text(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Number(string name, int fallback) =>
            int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var capacity = Number("--capacity", 60);
        var phases = Text("--phases", string.Join(',', AllPhases)).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var unknown = phases.Except(AllPhases).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown phase(s) {string.Join(", ", unknown)}; one of {string.Join(", ", AllPhases)}.");
        }

        return new BenchOptions(
            Text("--run-id", DateTime.Now.ToString("MMddHHmmss", CultureInfo.InvariantCulture)),
            Number("--seconds", 30), Number("--warmup", 20),
            [.. AllPhases.Where(phases.Contains)], Number("--listeners", 200), capacity, Number("--queue", Math.Max(8, capacity / 4)),
            Number("--rate", 0), Number("--fanout-rate", 150), Number("--exit-connections", 16), Number("--publishers", 4),
            Number("--admission-window", 200), Text("--via", "direct"), args.Contains("--stream-base") ? Text("--stream-base", "") : null,
            Number("--occupancy-pid", 0), Number("--gateway-pid", 0), Number("--hz", 100), Text("--out", "occupancy-report.md"));
    }
}
