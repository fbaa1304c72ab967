using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivicHall.Messaging.Inbox;

/// <summary>
/// A consumer whose effect happens once per message id, however often the broker delivers it.
/// The id is recorded in <c>inbox_messages</c> in the same transaction as the effect (and any
/// outbox rows the effect writes): a redelivery finds it and does nothing; a failure rolls both back
/// so the retry starts clean. Concurrent deliveries of one id serialise on the primary key.
/// </summary>
/// <remarks>
/// Deliveries are group-committed (<see cref="InboxBatcher{TMessage}"/>): messages that arrive while
/// a transaction is under way are applied together in the next one, so one commit serves many
/// messages under load and a lone message is applied at once. Each delivery keeps its own outcome:
/// if a group fails, its messages are applied again one per transaction, and only a message that
/// fails on its own is retried by MassTransit and, in the end, moved to the <c>_error</c> queue.
/// Register with <see cref="InboxConsumerRegistration.AddInboxConsumer{TConsumer}"/>.
/// </remarks>
public abstract partial class InboxConsumer<TMessage, TDbContext>(TDbContext db, TimeProvider timeProvider, ILogger logger)
    : IConsumer<TMessage>, IInboxApplier<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    protected TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>The name under which this consumer records processed ids; must stay stable across releases.</summary>
    protected virtual string InboxName => GetType().FullName!;

    public Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.MessageId is null)
        {
            throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        }

        var services = context.GetPayload<IServiceProvider>();
        var batcher = services.GetRequiredService<InboxBatchers>().For<TMessage>(GetType());
        return batcher.ApplyAsync(context);
    }

    /// <summary>
    /// Applies deliveries in one transaction: claims their ids, runs <see cref="HandleAsync"/> for
    /// each newly claimed one in order, saves and commits. Called by the batcher on an instance of its own scope.
    /// </summary>
    async Task IInboxApplier<TMessage>.ApplyAsync(IReadOnlyList<ConsumeContext<TMessage>> deliveries, CancellationToken cancellationToken)
    {
        var consumer = InboxName;
        var now = TimeProvider.GetUtcNow();
        var ids = new Guid[deliveries.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = deliveries[i].MessageId!.Value;
        }

        // Ids are claimed in a fixed order, so two transactions sharing ids cannot deadlock on them.
        Array.Sort(ids);
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var claimed = (await Db.Database.SqlQuery<Guid>(
                $"""
                INSERT INTO inbox_messages (message_id, consumer, processed_at)
                SELECT DISTINCT id, {consumer}, {now} FROM unnest({ids}) AS id ORDER BY id
                ON CONFLICT DO NOTHING
                RETURNING message_id AS "Value"
                """)
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet();

        // Rows are locked in a fixed order too (LockOrderKey), so two groups that touch the same rows
        // cannot deadlock on them; OrderBy is stable, so messages of one key keep their order.
        var toApply = new List<ConsumeContext<TMessage>>(deliveries.Count);
        foreach (var delivery in deliveries.OrderBy(d => LockOrderKey(d.Message), StringComparer.Ordinal))
        {
            // Remove, not Contains: the same id twice in one group is applied once.
            if (!claimed.Remove(delivery.MessageId!.Value))
            {
                MessagingTelemetry.DuplicatesSkipped.Add(1);
                LogDuplicate(logger, delivery.MessageId.Value, consumer);
                continue;
            }

            toApply.Add(delivery);
        }

        if (toApply.Count > 0)
        {
            await HandleGroupAsync(toApply, cancellationToken).ConfigureAwait(false);
        }

        await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The key of the rows a message locks (e.g. the hall id): a group applies its messages in this
    /// order. Null (the default) keeps the order of arrival.
    /// </summary>
    protected virtual string? LockOrderKey(TMessage message) => null;

    /// <summary>
    /// Applies one message to <see cref="Db"/> inside the group's transaction; the base class saves
    /// and commits. Messages of a group are applied one after the other, in the order they arrived (or of <see cref="LockOrderKey"/>),
    /// on one <see cref="Db"/>: an entity changed by an earlier message is seen as changed.
    /// </summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    /// <summary>
    /// Applies the group's newly claimed messages, in order, inside its transaction: by default
    /// <see cref="HandleAsync"/> for each in turn. A consumer whose messages are each one database
    /// call may send them together instead (one round trip for the group), with the same effect.
    /// </summary>
    /// <remarks>
    /// Each message is handled in an <c>inbox handle</c> span, a child of its own consume span (and linked
    /// to the group's <c>inbox apply</c> span when that is not its parent): its queries, and the outbox rows
    /// it writes (their traceparent is taken from the current span), stay in the message's trace. An
    /// override that sends the group together gives each message's own traceparent to what it writes
    /// (<see cref="InboxTrace.Of"/>).
    /// </remarks>
    protected virtual async Task HandleGroupAsync(IReadOnlyList<ConsumeContext<TMessage>> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        foreach (var delivery in deliveries)
        {
            using var activity = StartHandleActivity(delivery);
            await HandleAsync(delivery.Message, delivery).ConfigureAwait(false);
        }
    }

    private static Activity? StartHandleActivity(ConsumeContext delivery)
    {
        var group = Activity.Current;
        var trace = InboxTrace.Of(delivery).Context;
        if (trace == default || !MessagingTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        ActivityLink[]? links = group is not null && group.ParentSpanId != trace.SpanId ? [new ActivityLink(group.Context)] : null;
        return MessagingTelemetry.ActivitySource.StartActivity(MessagingTelemetry.HandleActivityName, ActivityKind.Internal, trace, links: links);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} already applied by {Consumer}; skipped")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
