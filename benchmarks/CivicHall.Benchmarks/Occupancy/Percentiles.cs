using System.Globalization;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>Percentiles of latencies in milliseconds (nearest rank), formatted for the report.</summary>
internal sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> milliseconds) => _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double At(double percentile) => _sorted.Length == 0
        ? double.NaN
        : _sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    /// <summary>"p50 / p90 / p99 / max" in ms, or "–" when there is nothing.</summary>
    public string Summary() => _sorted.Length == 0
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{Ms(At(50))} / {Ms(At(90))} / {Ms(At(99))} / {Ms(At(100))}");

    public static string Ms(double value) => double.IsNaN(value)
        ? "–"
        : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
}
