using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivicHall.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows. Each pass claims a batch with <c>FOR UPDATE SKIP LOCKED</c>
/// inside a transaction, publishes it (with publisher confirms) and marks it published before
/// committing — so a second replica never takes the same rows, and a crash between publish and
/// commit only causes a redelivery, which the consumers' inbox absorbs. A row that cannot be
/// published (broker down) stays, with exponential back-off; no row is ever dropped.
/// </summary>
/// <remarks>
/// Rows are claimed in commit order, but with two replicas passes overlap, so events are not
/// guaranteed to arrive in order: consumers order by the version or time the event carries, as they
/// must anyway for redeliveries.
/// </remarks>
public sealed partial class OutboxRelay<TDbContext>(
    OutboxName outbox,
    IServiceScopeFactory scopeFactory,
    IBus bus,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromHours(1);
    private readonly MessagingOptions _options = options.Value;
    private readonly BacklogCounter _backlog = new(outbox.Service);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        MessagingTelemetry.Register(_backlog);
        try
        {
            await RelayUntilStoppedAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            MessagingTelemetry.Unregister(_backlog);
        }
    }

    private async Task RelayUntilStoppedAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = timeProvider.GetUtcNow();
        var nextCount = timeProvider.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RelayBatchAsync(stoppingToken).ConfigureAwait(false);
                if (timeProvider.GetUtcNow() >= nextCount)
                {
                    _backlog.Set(await CountPendingAsync(stoppingToken).ConfigureAwait(false));
                    nextCount = timeProvider.GetUtcNow() + _options.BacklogCountInterval;
                }

                if (timeProvider.GetUtcNow() >= nextCleanup)
                {
                    await CleanupAsync(stoppingToken).ConfigureAwait(false);
                    nextCleanup = timeProvider.GetUtcNow() + CleanupInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The relay must outlive any failure (database restarts included).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRelayFailed(ex);
            }

            if (claimed < _options.RelayBatchSize)
            {
                await signal.WaitAsync(_options.RelayPollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Rows not yet published, due or backing off: a count over the partial index of pending rows.</summary>
    private async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        return await db.Set<OutboxMessage>().LongCountAsync(m => m.PublishedAt == null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One pass: claim and mark in one statement, publish, put back what could not be published,
    /// commit. Returns the number of rows claimed.
    /// </summary>
    /// <remarks>
    /// The claim sets <c>published_at</c> as it locks the rows (<c>UPDATE … RETURNING</c> over a
    /// <c>SKIP LOCKED</c> sub-select), so a pass writes each row once; the mark only becomes visible
    /// at commit, after the broker confirmed every publish. A row the broker refused is restored to
    /// pending with its back-off in the same transaction; if the process dies mid-pass, the
    /// transaction rolls back and the rows are pending again.
    /// </remarks>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var now = timeProvider.GetUtcNow();
        var batchSize = _options.RelayBatchSize;
        var rows = await db.Set<OutboxMessage>()
            .FromSql($"""
                UPDATE outbox_messages SET published_at = {now}
                WHERE id IN (
                    SELECT id FROM outbox_messages
                    WHERE published_at IS NULL AND next_attempt_at <= {now}
                    ORDER BY sequence
                    LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }

        rows.Sort((x, y) => x.Sequence.CompareTo(y.Sequence));
        var failures = await Task.WhenAll(rows.Select(row => PublishAsync(row, cancellationToken))).ConfigureAwait(false);

        var publishedAt = timeProvider.GetUtcNow();
        var published = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (failures[i] is { } failure)
            {
                var attempts = row.Attempts + 1;
                var nextAttemptAt = publishedAt + RetryDelay(attempts);
                var error = Truncate(failure.Message, 2000);
                await db.Set<OutboxMessage>()
                    .Where(m => m.Id == row.Id)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(m => m.PublishedAt, (DateTimeOffset?)null)
                            .SetProperty(m => m.Attempts, attempts)
                            .SetProperty(m => m.NextAttemptAt, nextAttemptAt)
                            .SetProperty(m => m.LastError, error),
                        cancellationToken)
                    .ConfigureAwait(false);
                MessagingTelemetry.PublishFailures.Add(1);
                LogPublishFailed(row.Id, row.MessageType, attempts, failure.Message);
            }
            else
            {
                published++;
                MessagingTelemetry.Lag.Record((publishedAt - row.CreatedAt).TotalMilliseconds);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        MessagingTelemetry.Published.Add(published);
        MessagingTelemetry.RelayPassRows.Record(rows.Count);
        MessagingTelemetry.RelayPassDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return rows.Count;
    }

    private async Task<Exception?> PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        if (!IntegrationEventTypes.TryResolve(row.MessageType, out var messageType))
        {
            // A type this build does not know (e.g. written by a newer version during a rolling
            // deployment): keep the row and retry later rather than lose it.
            return new InvalidOperationException($"Unknown integration event type '{row.MessageType}'.");
        }

        using var activity = StartPublishActivity(row);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            var message = JsonSerializer.Deserialize(row.Payload, messageType, MessagingJson.Options)
                ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty payload.");
            // The token alone is not enough: a publish whose confirmation was pending when the broker shut the connection
            // (CONNECTION_FORCED) can stay incomplete for good, which held the whole batch (its rows claimed, uncommitted)
            // and with it the outbox. Past the timeout the row is put back to be retried; a late completion is a duplicate
            // under the same message id, which inboxes drop.
            await bus.Publish(message, messageType, context => context.MessageId = row.Id, timeout.Token)
                .WaitAsync(_options.PublishTimeout, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return ex;
        }
    }

    private static Activity? StartPublishActivity(OutboxMessage row)
    {
        // The row's traceparent is the parent: the span (and MassTransit's send span under it, whose header
        // the consumer continues from) belongs to the trace of the request or message that wrote the row.
        // It stays current while MassTransit publishes (PublishAsync awaits inside its scope).
        ActivityContext.TryParse(row.TraceParent, null, isRemote: true, out var parent);
        var activity = MessagingTelemetry.ActivitySource.StartActivity(MessagingTelemetry.PublishActivityName, ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id);
        activity?.SetTag("civichall.event_type", row.MessageType);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.operation.type", "publish");
        return activity;
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var delay = TimeSpan.FromMilliseconds(100 * Math.Pow(2, Math.Min(attempts, 16)));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = timeProvider.GetUtcNow() - _options.Retention;
        await db.Set<OutboxMessage>().Where(m => m.PublishedAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<Inbox.InboxMessage>().Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay pass failed; retrying")]
    private partial void LogRelayFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish outbox message {MessageId} ({MessageType}), attempt {Attempts}: {Reason}")]
    private partial void LogPublishFailed(Guid messageId, string messageType, int attempts, string reason);
}
