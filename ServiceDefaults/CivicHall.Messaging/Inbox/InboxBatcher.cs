using System.Diagnostics;
using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivicHall.Messaging.Inbox;

/// <summary>
/// Group commit for one inbox consumer. Deliveries queue here while their <c>Consume</c> waits; up
/// to <see cref="MessagingOptions.InboxBatchConcurrency"/> appliers take whatever has queued (at most
/// <see cref="MessagingOptions.InboxBatchSize"/>) and apply it in one transaction. Nothing waits for
/// a batch to fill: a quiet queue gives groups of one, a busy one gives large groups.
/// </summary>
/// <remarks>
/// Each delivery's <c>Consume</c> completes with its own outcome. When a group fails, its
/// deliveries are applied again one per transaction, so a message that cannot be applied fails
/// alone and its neighbours succeed; MassTransit then retries only the failed one.
/// <para>
/// Traces: appliers run detached from any delivery's trace (an applier started by one delivery goes on
/// applying later ones), and each group's transaction is an <c>inbox apply</c> span — the child of the
/// delivery's consume span for a group of one, else a root linked to every delivery's consume span
/// (a span has one parent; the links let each message's trace reach the transaction it was committed
/// in, and the transaction's reach every message). See <see cref="MessagingTelemetry"/>.
/// </para>
/// </remarks>
internal sealed partial class InboxBatcher<TMessage>(
    Type consumerType, IServiceScopeFactory scopeFactory, MessagingOptions options, ILogger logger)
    where TMessage : class
{
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly int _maxAppliers = Math.Max(1, options.InboxBatchConcurrency);
    private readonly int _batchSize = Math.Max(1, options.InboxBatchSize);
    private int _appliers;

    public Task ApplyAsync(ConsumeContext<TMessage> context)
    {
        // Called from Consume, where MassTransit's consume span is current.
        var trace = InboxTrace.Capture(context);
        var delivery = new Delivery(context, trace, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Writer.TryWrite(delivery);
        TryStartApplier();
        return delivery.Outcome.Task;
    }

    private void TryStartApplier()
    {
        while (true)
        {
            var running = Volatile.Read(ref _appliers);
            if (running >= _maxAppliers)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _appliers, running + 1, running) == running)
            {
                // Without the caller's execution context: the applier outlives the delivery that started
                // it, and must not carry its trace (Activity.Current) into the groups of other deliveries.
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(RunApplierAsync);
                }

                return;
            }
        }
    }

    private async Task RunApplierAsync()
    {
        var group = new List<Delivery>(_batchSize);
        while (true)
        {
            try
            {
                while (group.Count < _batchSize && _queue.Reader.TryRead(out var delivery))
                {
                    if (delivery.Context.CancellationToken.IsCancellationRequested)
                    {
                        delivery.Outcome.TrySetCanceled(delivery.Context.CancellationToken);
                        continue;
                    }

                    group.Add(delivery);
                }

                if (group.Count > 0)
                {
                    await ApplyGroupAsync(group).ConfigureAwait(false);
                    continue;
                }
            }
#pragma warning disable CA1031 // An applier must never die with deliveries waiting on it: they would stay unacknowledged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var delivery in group)
                {
                    delivery.Outcome.TrySetException(ex);
                }

                continue;
            }
            finally
            {
                group.Clear();
            }

            // Nothing queued: stop, then look again, because a delivery queued just before the
            // decrement may have seen all appliers busy and started none.
            Interlocked.Decrement(ref _appliers);
            if (!_queue.Reader.TryPeek(out _))
            {
                return;
            }

            var running = Volatile.Read(ref _appliers);
            if (running >= _maxAppliers || Interlocked.CompareExchange(ref _appliers, running + 1, running) != running)
            {
                return;
            }
        }
    }

    private async Task ApplyGroupAsync(List<Delivery> group)
    {
        try
        {
            await ApplyTracedAsync(group, CancellationToken.None).ConfigureAwait(false);
            MessagingTelemetry.InboxBatchSize.Record(group.Count);
            foreach (var delivery in group)
            {
                delivery.Outcome.TrySetResult();
            }

            return;
        }
#pragma warning disable CA1031 // Every failure is handed to the delivery it belongs to.
        catch (Exception ex) when (group.Count > 1)
        {
            MessagingTelemetry.InboxGroupsSplit.Add(1);
            LogGroupFailed(ex, group.Count);
        }
        catch (Exception ex)
        {
            group[0].Outcome.TrySetException(ex);
            return;
        }

        foreach (var delivery in group)
        {
            try
            {
                await ApplyTracedAsync([delivery], delivery.Context.CancellationToken).ConfigureAwait(false);
                MessagingTelemetry.InboxBatchSize.Record(1);
                delivery.Outcome.TrySetResult();
            }
            catch (Exception ex)
            {
                delivery.Outcome.TrySetException(ex);
            }
        }
#pragma warning restore CA1031
    }

    private async Task ApplyTracedAsync(List<Delivery> group, CancellationToken cancellationToken)
    {
        using var activity = StartApplyActivity(group);
        try
        {
            await ApplyInScopeAsync(group.ConvertAll(d => d.Context), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    /// <summary>The span of one group's transaction: the delivery's child for a group of one, else a root linked to each.</summary>
    private Activity? StartApplyActivity(List<Delivery> group)
    {
        var source = MessagingTelemetry.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        Activity? activity;
        if (group.Count == 1)
        {
            activity = source.StartActivity(MessagingTelemetry.ApplyActivityName, ActivityKind.Internal, group[0].Trace.Context);
        }
        else
        {
            var links = new List<ActivityLink>(group.Count);
            foreach (var delivery in group)
            {
                if (delivery.Trace.Context != default)
                {
                    links.Add(new ActivityLink(delivery.Trace.Context));
                }
            }

            activity = source.StartActivity(MessagingTelemetry.ApplyActivityName, ActivityKind.Internal, parentContext: default, links: links);
        }

        activity?.SetTag("civichall.inbox.consumer", consumerType.Name);
        activity?.SetTag("messaging.batch.message_count", group.Count);
        return activity;
    }

    private async Task ApplyInScopeAsync(List<ConsumeContext<TMessage>> deliveries, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var applier = (IInboxApplier<TMessage>)scope.ServiceProvider.GetRequiredService(consumerType);
        await applier.ApplyAsync(deliveries, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An inbox group of {Count} messages failed; applying them one by one")]
    private partial void LogGroupFailed(Exception exception, int count);

    private sealed record Delivery(ConsumeContext<TMessage> Context, InboxTrace Trace, TaskCompletionSource Outcome);
}
