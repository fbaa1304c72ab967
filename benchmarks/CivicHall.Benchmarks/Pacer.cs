using System.Diagnostics;

namespace CivicHall.Benchmarks;

/// <summary>Runs an action at a steady rate (open loop: a slow action does not slow the schedule).</summary>
public static class Pacer
{
    public static async Task<int> RunAsync(int perSecond, TimeSpan duration, int workers, Func<int, Task> action, int firstIndex = 0)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= total)
                {
                    return;
                }

                var due = TimeSpan.FromSeconds((double)i / perSecond) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                await action(firstIndex + i);
            }
        }));
        return total;
    }
}
