using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivicHall.Messaging.Inbox;

/// <summary>
/// A consumer whose effect happens once per message id, however often the broker delivers it.
/// The id is recorded in <c>inbox_messages</c> in the same transaction as the effect (and any
/// outbox rows the effect writes): a redelivery finds it and does nothing; a failure rolls both back
/// so the retry starts clean. Concurrent deliveries of one id serialise on the primary key.
/// </summary>
public abstract partial class InboxConsumer<TMessage, TDbContext>(TDbContext db, TimeProvider timeProvider, ILogger logger)
    : IConsumer<TMessage>
    where TMessage : class
    where TDbContext : DbContext
{
    protected TDbContext Db { get; } = db;

    protected TimeProvider TimeProvider { get; } = timeProvider;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id.");
        var consumer = InboxName;
        var cancellationToken = context.CancellationToken;
        var now = TimeProvider.GetUtcNow();

        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {consumer}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken).ConfigureAwait(false);
        if (claimed == 0)
        {
            MessagingTelemetry.DuplicatesSkipped.Add(1);
            LogDuplicate(logger, messageId, consumer);
            return;
        }

        await HandleAsync(context.Message, context).ConfigureAwait(false);
        await Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The name under which this consumer records processed ids; must stay stable across releases.</summary>
    protected virtual string InboxName => GetType().FullName!;

    /// <summary>Applies the message to <see cref="Db"/>; the base class saves and commits.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} already applied by {Consumer}; skipped")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
