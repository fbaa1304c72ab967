using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CivicHall.Occupancy.Live;

/// <summary>
/// The floor's changes as they commit, for the live streams of this replica. One dedicated
/// connection (not from the EF pool) listens on <c>civichall_occupancy</c>, where every movement's
/// <c>occupancy_changed</c> notifies at commit, in commit order. Each notification is parsed once,
/// formatted once as its server-sent event, and queued for each subscriber of its hall without ever
/// waiting: a subscriber whose queue is full is dropped, so a slow client can neither hold up the
/// others nor grow memory.
/// <para>
/// Notifications sent while the connection is down are lost to this replica, so when it is lost every
/// subscriber is ended (<see cref="SubscriptionEndReasons.FeedInterrupted"/>): their clients reconnect
/// and start again from a snapshot. The feed listens again with exponential back-off; until it does,
/// new subscriptions wait (up to <see cref="OccupancyFeedOptions.SubscribeTimeout"/>) rather than
/// start on a feed that could miss changes.
/// </para>
/// <para>
/// Every change also feeds <see cref="FloorGauges"/> (the floor's metrics): it is the one place that
/// hears every movement of every hall, including those the database functions make by themselves.
/// </para>
/// </summary>
public sealed partial class OccupancyFeed : BackgroundService
{
    public const string Channel = "civichall_occupancy";

    private readonly string _connectionString;
    private readonly JsonSerializerOptions _json;
    private readonly OccupancyFeedOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OccupancyFeed> _logger;
    private readonly FloorGauges? _floor;
    private readonly PublicLiveBoard? _board;
    private readonly CancellationTokenRegistration _onStopping;
    private readonly Lock _gate = new();

    // Under _gate: the subscribers of each hall (arrays replaced, never changed, so dispatch reads
    // one without holding the lock), whether notifications are being received, and what a
    // subscription waiting for that awaits.
    private readonly Dictionary<string, OccupancySubscription[]> _halls = new(StringComparer.Ordinal);
    private bool _listening;
    private bool _stopping;
    private TaskCompletionSource _listeningAgain = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OccupancyFeed(
        IConfiguration configuration,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IOptions<OccupancyFeedOptions> options,
        IHostApplicationLifetime lifetime,
        TimeProvider timeProvider,
        ILogger<OccupancyFeed> logger,
        FloorGauges? floor = null,
        PublicLiveBoard? board = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        var configured = configuration.GetConnectionString("occupancy")
            ?? throw new InvalidOperationException("ConnectionStrings:occupancy is not configured.");

        // A connection of its own for as long as it lives: no pool, and keepalives while it waits so a
        // connection that died silently is noticed (and its subscribers told) within seconds.
        _connectionString = new NpgsqlConnectionStringBuilder(configured)
        {
            Pooling = false,
            Enlist = false,
            KeepAlive = 10,
            ApplicationName = "civichall-occupancy-feed",
        }.ConnectionString;
        _json = json.Value.SerializerOptions;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _floor = floor;
        _board = board;

        // Streams end first when the service stops, so the server does not wait for them to drain.
        _onStopping = lifetime.ApplicationStopping.Register(() => EndAll(SubscriptionEndReasons.ShuttingDown, stopping: true));
    }

    /// <summary>
    /// Subscribes to the changes of <paramref name="hallId"/> that commit from now on, waiting while
    /// the feed is not listening; null when it did not listen within the timeout or the service is stopping.
    /// </summary>
    public async Task<OccupancySubscription?> SubscribeAsync(string hallId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hallId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.SubscribeTimeout);
        while (true)
        {
            Task listening;
            lock (_gate)
            {
                if (_stopping)
                {
                    return null;
                }

                if (_listening)
                {
                    var subscription = new OccupancySubscription(this, hallId, _options.SubscriberBuffer);
                    _halls[hallId] = _halls.TryGetValue(hallId, out var others) ? [.. others, subscription] : [subscription];
                    OccupancyTelemetry.Subscribers.Add(1, OccupancyTelemetry.Hall(hallId));
                    return subscription;
                }

                listening = _listeningAgain.Task;
            }

            try
            {
                await listening.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    /// <summary>Removes the subscription from its hall and ends it (once).</summary>
    internal void Unsubscribe(OccupancySubscription subscription, string reason)
    {
        lock (_gate)
        {
            if (_halls.TryGetValue(subscription.HallId, out var subscribers) && Array.IndexOf(subscribers, subscription) >= 0)
            {
                var rest = Array.FindAll(subscribers, s => !ReferenceEquals(s, subscription));
                if (rest.Length == 0)
                {
                    _halls.Remove(subscription.HallId);
                }
                else
                {
                    _halls[subscription.HallId] = rest;
                }

                OccupancyTelemetry.Subscribers.Add(-1, OccupancyTelemetry.Hall(subscription.HallId));
            }
        }

        subscription.End(reason);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                connection.Notification += OnNotification;
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // LISTEN is in force once it returns: every change committed from here on reaches
                // OnNotification, so subscriptions may begin.
                SetListening();
                if (failures > 0)
                {
                    OccupancyTelemetry.Reconnects.Add(1);
                    LogListeningAgain(_logger, failures);
                }

                failures = 0;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                var interrupted = EndAll(SubscriptionEndReasons.FeedInterrupted, stopping: false);
                var delay = Backoff(failures++);
                LogConnectionLost(_logger, interrupted, delay.TotalSeconds, ex);
                await Task.Delay(delay, _timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        EndAll(SubscriptionEndReasons.ShuttingDown, stopping: true);
    }

    public override void Dispose()
    {
        _onStopping.Dispose();
        base.Dispose();
    }

    /// <summary>Runs on the listening connection's wait, one notification at a time, in commit order.</summary>
    private void OnNotification(object sender, NpgsqlNotificationEventArgs e) => Dispatch(e.Payload);

    /// <summary>Queues one notification's change for every subscriber of its hall, dropping those whose queue is full.</summary>
    internal void Dispatch(string payload)
    {
        OccupancyChange? change;
        try
        {
            change = JsonSerializer.Deserialize<OccupancyChange>(payload, _json);
        }
        catch (JsonException ex)
        {
            LogUnreadable(_logger, ex);
            return;
        }

        if (change?.HallId is null)
        {
            LogUnreadable(_logger, null);
            return;
        }

        OccupancyTelemetry.Changes.Add(1);
        _floor?.Apply(change);
        _board?.Apply(change);
        OccupancySubscription[]? subscribers;
        lock (_gate)
        {
            _halls.TryGetValue(change.HallId, out subscribers);
        }

        if (subscribers is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        ServerSentEvents.WriteEvent(buffer, "change", change.Sequence, change, _json);
        var frame = new ChangeFrame(change.Sequence, buffer.WrittenMemory);
        foreach (var subscriber in subscribers)
        {
            if (!subscriber.TryWrite(frame) && subscriber.EndReason is null)
            {
                Unsubscribe(subscriber, SubscriptionEndReasons.Lagging);
                OccupancyTelemetry.Dropped.Add(1, new KeyValuePair<string, object?>("reason", SubscriptionEndReasons.Lagging));
                LogLagging(_logger, change.HallId, _options.SubscriberBuffer);
            }
        }
    }

    /// <summary>LISTEN is in force: subscriptions may begin.</summary>
    internal void SetListening()
    {
        lock (_gate)
        {
            _listening = true;
            _listeningAgain.TrySetResult();
        }

        _board?.SetListening(true);
    }

    /// <summary>Stops accepting subscriptions until listening again (or for good) and ends every subscriber; how many it ended.</summary>
    private int EndAll(string reason, bool stopping)
    {
        OccupancySubscription[] all;
        lock (_gate)
        {
            _stopping |= stopping;
            _listening = false;
            if (_listeningAgain.Task.IsCompleted)
            {
                _listeningAgain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (stopping)
            {
                // Subscriptions waiting for the feed give up now rather than at their timeout.
                _listeningAgain.TrySetResult();
            }

            all = [.. _halls.Values.SelectMany(s => s)];
            _halls.Clear();
        }

        _board?.SetListening(false);

        if (all.Length > 0)
        {
            foreach (var hall in all.GroupBy(s => s.HallId, StringComparer.Ordinal))
            {
                OccupancyTelemetry.Subscribers.Add(-hall.Count(), OccupancyTelemetry.Hall(hall.Key));
            }

            OccupancyTelemetry.Dropped.Add(all.Length, new KeyValuePair<string, object?>("reason", reason));
        }

        foreach (var subscription in all)
        {
            subscription.End(reason);
        }

        return all.Length;
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = _options.ReconnectDelay * Math.Pow(2, Math.Min(failures, 16));
        return delay < _options.MaxReconnectDelay ? delay : _options.MaxReconnectDelay;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Live feed lost its database connection; {Subscribers} streams ended (their clients reconnect); listening again in {DelaySeconds} s")]
    private static partial void LogConnectionLost(ILogger logger, int subscribers, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed listening again after {Failures} failed attempts")]
    private static partial void LogListeningAgain(ILogger logger, int failures);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "A live stream of hall {HallId} fell {Buffer} changes behind and was dropped; its client reconnects from a snapshot")]
    private static partial void LogLagging(ILogger logger, string hallId, int buffer);

    [LoggerMessage(Level = LogLevel.Error, Message = "Live feed received a notification it cannot read; ignored")]
    private static partial void LogUnreadable(ILogger logger, Exception? exception);
}
