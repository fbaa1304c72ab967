using System.Collections.Concurrent;
using System.Diagnostics;
using CivicHall.Contracts.Halls.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CivicHall.Benchmarks;

/// <summary>
/// When each key was committed (SaveChanges returned) and when a consumer applied it. A consumer can
/// see a key before its writer has recorded the commit, so latencies are computed afterwards.
/// </summary>
public sealed class Arrivals
{
    private readonly ConcurrentDictionary<string, (long Timestamp, DateTime Utc)> _committed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Timestamp, DateTime? Sent)> _arrived = new(StringComparer.Ordinal);
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Committed(string key) => _committed[key] = (Stopwatch.GetTimestamp(), DateTime.UtcNow);

    public void Arrived(string key, DateTime? sentTime)
    {
        _arrived.TryAdd(key, (Stopwatch.GetTimestamp(), sentTime));
        Interlocked.Increment(ref _count);
    }

    public void Clear()
    {
        _committed.Clear();
        _arrived.Clear();
    }

    /// <summary>Commit → consumer effect, and commit → the relay's publish (the message's SentTime), in ms, sorted.</summary>
    public (double[] Total, double[] Relay) Latencies()
    {
        var total = new List<double>();
        var relay = new List<double>();
        foreach (var (key, committed) in _committed)
        {
            if (_arrived.TryGetValue(key, out var arrived))
            {
                total.Add(Math.Max(0, Stopwatch.GetElapsedTime(committed.Timestamp, arrived.Timestamp).TotalMilliseconds));
                if (arrived.Sent is { } sent)
                {
                    relay.Add(Math.Max(0, (sent - committed.Utc).TotalMilliseconds));
                }
            }
        }

        return ([.. total.Order()], [.. relay.Order()]);
    }
}

/// <summary>The real consumer shape: inbox row + an effect row in one transaction.</summary>
public sealed class InboxEffectConsumer(BenchDbContext db, TimeProvider time, ILogger<InboxEffectConsumer> logger)
    : InboxConsumer<HallConfigured, BenchDbContext>(db, time, logger)
{

    protected override Task HandleAsync(HallConfigured message, ConsumeContext<HallConfigured> context)
    {
        Db.Changes.Add(new Change { Key = "seen:" + message.HallId });
        return Task.CompletedTask;
    }
}

/// <summary>
/// Records a message as arrived once the inbox consumer is done with it: its <c>Consume</c> returns
/// after its group's transaction committed, when the effect became visible, not when
/// <c>HandleAsync</c> applied it.
/// </summary>
public sealed class CommittedArrivalObserver(Arrivals arrivals) : IConsumeObserver
{
    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.Message is HallConfigured message)
        {
            arrivals.Arrived(message.HallId, context.SentTime);
        }

        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}

/// <summary>Counts arrivals and does nothing else (the broker path alone).</summary>
public sealed class CountingConsumer(Arrivals arrivals) : IConsumer<HallConfigured>
{
    public Task Consume(ConsumeContext<HallConfigured> context)
    {
        arrivals.Arrived(context.Message.HallId, context.SentTime);
        return Task.CompletedTask;
    }
}
