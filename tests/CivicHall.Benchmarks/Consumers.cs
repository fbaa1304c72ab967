using System.Collections.Concurrent;
using System.Diagnostics;
using CivicHall.Contracts.Halls.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CivicHall.Benchmarks;

/// <summary>What the consumers saw: when each key arrived, and how many arrived.</summary>
public sealed class Arrivals
{
    private long _count;

    public ConcurrentDictionary<string, long> CommittedAt { get; } = new(StringComparer.Ordinal);

    public ConcurrentBag<double> LatenciesMs { get; } = [];

    public long Count => Interlocked.Read(ref _count);

    public void Arrived(string key)
    {
        var now = Stopwatch.GetTimestamp();
        if (CommittedAt.TryGetValue(key, out var committed))
        {
            LatenciesMs.Add(Stopwatch.GetElapsedTime(committed, now).TotalMilliseconds);
        }

        Interlocked.Increment(ref _count);
    }
}

/// <summary>The real consumer shape: inbox row + an effect row in one transaction.</summary>
public sealed class InboxEffectConsumer(BenchDbContext db, TimeProvider time, ILogger<InboxEffectConsumer> logger, Arrivals arrivals)
    : InboxConsumer<HallConfigured, BenchDbContext>(db, time, logger)
{
    protected override Task HandleAsync(HallConfigured message, ConsumeContext<HallConfigured> context)
    {
        Db.Changes.Add(new Change { Key = "seen:" + message.HallId });
        arrivals.Arrived(message.HallId);
        return Task.CompletedTask;
    }
}

/// <summary>Counts arrivals and does nothing else (the broker path alone).</summary>
public sealed class CountingConsumer(Arrivals arrivals) : IConsumer<HallConfigured>
{
    public Task Consume(ConsumeContext<HallConfigured> context)
    {
        arrivals.Arrived(context.Message.HallId);
        return Task.CompletedTask;
    }
}
