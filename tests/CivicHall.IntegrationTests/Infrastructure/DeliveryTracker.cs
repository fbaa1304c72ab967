using MassTransit;

namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// Counts a service's deliveries as its bus handles them (a receive observer on every endpoint): how
/// many have begun and how many have ended — consumed, or given up on after the retries — and how
/// many of each message type were consumed. Tests wait on these counts instead of sleeping: when
/// every delivery they caused has ended and none is under way, nothing more can happen late.
/// </summary>
public sealed class DeliveryTracker : IReceiveObserver
{
    private readonly ConcurrentDictionary<Type, long> _consumed = new();
    private long _started;
    private long _ended;

    /// <summary>Deliveries begun and not yet ended (consumed or faulted after every retry).</summary>
    public long InFlight => Interlocked.Read(ref _started) - Interlocked.Read(ref _ended);

    public long Ended => Interlocked.Read(ref _ended);

    /// <summary>Deliveries of <typeparamref name="T"/> that a consumer completed (an inbox consumer also completes a duplicate it skips).</summary>
    public long Consumed<T>() => _consumed.GetValueOrDefault(typeof(T));

    public Task PreReceive(ReceiveContext context)
    {
        Interlocked.Increment(ref _started);
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context)
    {
        Interlocked.Increment(ref _ended);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Interlocked.Increment(ref _ended);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class
    {
        _consumed.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    /// <summary>
    /// Waits until <paramref name="count"/> deliveries of <typeparamref name="T"/> have been consumed
    /// since <paramref name="before"/> was read, and then until no delivery at all is under way.
    /// </summary>
    public async Task UntilConsumedAndIdleAsync<T>(long before, int count, TimeSpan? timeout = null, string? because = null)
    {
        await Eventually.UntilAsync(() => Task.FromResult(Consumed<T>() - before), n => n >= count, timeout, because ?? $"{count} {typeof(T).Name} should be consumed");
        await UntilIdleAsync(timeout);
    }

    /// <summary>Waits until no delivery is under way (begun and not ended).</summary>
    public Task UntilIdleAsync(TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => Task.FromResult(InFlight), n => n == 0, timeout, "no delivery should be under way");
}
