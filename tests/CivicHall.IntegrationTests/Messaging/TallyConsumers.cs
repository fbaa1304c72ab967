using CivicHall.Contracts.Halls.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CivicHall.IntegrationTests.Messaging;

/// <summary>A deliberately non-idempotent effect (insert a row) behind the inbox.</summary>
public sealed class TallyConsumer(TallyDbContext db, TimeProvider timeProvider, ILogger<TallyConsumer> logger, FailureSwitch failures)
    : InboxConsumer<HallConfigured, TallyDbContext>(db, timeProvider, logger)
{
    protected override async Task HandleAsync(HallConfigured message, ConsumeContext<HallConfigured> context)
    {
        await failures.WaitIfHeldAsync(message.HallId, context.CancellationToken);

        Db.Tallies.Add(new Tally { HallId = message.HallId, Version = message.Version });
        await Db.SaveChangesAsync(context.CancellationToken);
        if (failures.ShouldFail(message.HallId))
        {
            throw new InvalidOperationException("Simulated failure after the effect was written.");
        }
    }
}

/// <summary>
/// Fails the first N deliveries for a hall id, to show the inbox id is rolled back with the effect;
/// or holds a hall's effect until released, so that the deliveries behind it queue up into one group.
/// </summary>
public sealed class FailureSwitch
{
    private readonly ConcurrentDictionary<string, int> _remaining = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Reached, TaskCompletionSource Released)> _holds = new(StringComparer.Ordinal);

    /// <summary>Holds the effect of <paramref name="hallId"/> when it is applied; the task completes once it is being held.</summary>
    public Task Hold(string hallId)
    {
        var hold = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _holds[hallId] = hold;
        return hold.Item1.Task;
    }

    public void Release(string hallId)
    {
        if (_holds.TryGetValue(hallId, out var hold))
        {
            hold.Released.TrySetResult();
        }
    }

    public async Task WaitIfHeldAsync(string hallId, CancellationToken cancellationToken)
    {
        if (_holds.TryGetValue(hallId, out var hold))
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task.WaitAsync(cancellationToken);
        }
    }

    public void FailNext(string hallId, int times) => _remaining[hallId] = times;

    public bool ShouldFail(string hallId) =>
        _remaining.TryGetValue(hallId, out var left) && left > 0 && _remaining.TryUpdate(hallId, left - 1, left);
}

/// <summary>Records every delivery as it arrives, duplicates included (no inbox in front of it).</summary>
public sealed class DeliveryLog
{
    public ConcurrentQueue<Guid> MessageIds { get; } = new();
}

public sealed class DeliveryLogConsumer(DeliveryLog log) : IConsumer<HallConfigured>
{
    public Task Consume(ConsumeContext<HallConfigured> context)
    {
        log.MessageIds.Enqueue(context.MessageId!.Value);
        return Task.CompletedTask;
    }
}

/// <summary>Messages MassTransit gave up on (moved to an <c>_error</c> queue and announced as <see cref="Fault{T}"/>).</summary>
public sealed class FaultLog
{
    public ConcurrentQueue<string> HallIds { get; } = new();
}

public sealed class FaultLogConsumer(FaultLog log) : IConsumer<Fault<HallConfigured>>
{
    public Task Consume(ConsumeContext<Fault<HallConfigured>> context)
    {
        log.HallIds.Enqueue(context.Message.Message.HallId);
        return Task.CompletedTask;
    }
}
