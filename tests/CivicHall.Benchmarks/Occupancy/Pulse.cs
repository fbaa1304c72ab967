namespace CivicHall.Benchmarks.Occupancy;

/// <summary>Wakes every waiter when something changed (room at a door, an admission counted); waiters also wake after a short time.</summary>
internal sealed class Pulse
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync(TimeSpan atMost) => Task.WhenAny(Volatile.Read(ref _next).Task, Task.Delay(atMost));

    public void Set() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
