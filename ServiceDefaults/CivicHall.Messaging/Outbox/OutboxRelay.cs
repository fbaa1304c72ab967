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
public sealed partial class OutboxRelay<TDbContext>(
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = timeProvider.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RelayBatchAsync(stoppingToken).ConfigureAwait(false);
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

    /// <summary>One pass: claim, publish, mark. Returns the number of rows claimed.</summary>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var now = timeProvider.GetUtcNow();
        var batchSize = _options.RelayBatchSize;
        var rows = await db.Set<OutboxMessage>()
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE published_at IS NULL AND next_attempt_at <= {now}
                ORDER BY sequence
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return 0;
        }

        var failures = await Task.WhenAll(rows.Select(row => PublishAsync(row, cancellationToken))).ConfigureAwait(false);

        var publishedAt = timeProvider.GetUtcNow();
        var publishedIds = new List<Guid>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (failures[i] is { } failure)
            {
                row.Attempts++;
                row.NextAttemptAt = publishedAt + RetryDelay(row.Attempts);
                row.LastError = Truncate(failure.Message, 2000);
                MessagingTelemetry.PublishFailures.Add(1);
                LogPublishFailed(row.Id, row.MessageType, row.Attempts, failure.Message);
            }
            else
            {
                publishedIds.Add(row.Id);
                MessagingTelemetry.Lag.Record((publishedAt - row.CreatedAt).TotalMilliseconds);
            }
        }

        if (publishedIds.Count > 0)
        {
            await db.Set<OutboxMessage>()
                .Where(m => publishedIds.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.PublishedAt, publishedAt), cancellationToken)
                .ConfigureAwait(false);
            MessagingTelemetry.Published.Add(publishedIds.Count);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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
            await bus.Publish(message, messageType, context => context.MessageId = row.Id, timeout.Token).ConfigureAwait(false);
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
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        var activity = MessagingTelemetry.ActivitySource.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id);
        activity?.SetTag("civichall.event_type", row.MessageType);
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
