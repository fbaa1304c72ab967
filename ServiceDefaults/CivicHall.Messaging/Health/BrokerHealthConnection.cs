using RabbitMQ.Client;

namespace CivicHall.Messaging.Health;

/// <summary>
/// The one AMQP connection the broker check of <c>/health</c> opens its channel on (the check itself
/// comes from AspNetCore.HealthChecks.Rabbitmq). Made on the first probe, not at start, and kept while
/// it is open: probes do not churn connections on the broker. Once it has closed (the broker stopped
/// or restarted, a missed heartbeat) the next probe starts a new one, so <c>/health</c> is Healthy
/// again at the first probe after the broker is back. No automatic recovery: its retries would answer
/// nothing sooner, and a probe must not wait on them.
/// </summary>
/// <remarks>
/// <para>
/// A probe waits at most <see cref="DependencyHealthChecks.Timeout"/> for the connection. Connecting
/// to a broker that accepts the socket and then says nothing, RabbitMQ.Client gives up on the handshake
/// when told to, but then spends seconds more closing the socket before it returns (7 s in all, where
/// 2 were asked: HealthOutageTests measured it). So the attempt goes on by itself, one at a time; the
/// probes that come meanwhile wait for the same attempt, each for at most the timeout.
/// </para>
/// <para>
/// Not MassTransit's connection: that one belongs to the bus, which does not lend it out. This one is
/// named "{service} health" in the broker's connection list.
/// </para>
/// </remarks>
public sealed class BrokerHealthConnection : IAsyncDisposable
{
    private readonly ConnectionFactory _factory;
    private readonly Lock _lock = new();
    private Task<IConnection>? _connection;
    private bool _disposed;

    public BrokerHealthConnection(Uri amqpUri, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(amqpUri);
        var timeout = DependencyHealthChecks.Timeout;
        _factory = new ConnectionFactory
        {
            Uri = amqpUri,
            ClientProvidedName = $"{serviceName} health",
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            // Every step of connecting and of opening the probe's channel is bounded.
            RequestedConnectionTimeout = timeout,
            HandshakeContinuationTimeout = timeout,
            ContinuationTimeout = timeout,
            SocketReadTimeout = timeout,
            SocketWriteTimeout = timeout,
            // A broker that vanished without closing the socket is noticed within two heartbeats.
            RequestedHeartbeat = TimeSpan.FromSeconds(5),
        };
    }

    /// <summary>The open connection, or the one being made; throws <see cref="TimeoutException"/> when none is open in time.</summary>
    public Task<IConnection> GetAsync()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is null || IsUnusable(_connection))
            {
                var stale = _connection;
                _connection = ConnectAsync();
                _ = DisposeWhenMadeAsync(stale);
            }

            return _connection.WaitAsync(DependencyHealthChecks.Timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<IConnection>? connection;
        lock (_lock)
        {
            _disposed = true;
            connection = _connection;
            _connection = null;
        }

        try
        {
            // Shutting down does not wait long for an attempt still under way: it closes what it makes by itself.
            await DisposeWhenMadeAsync(connection).WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // still connecting
        }
    }

    /// <summary>Failed or closed: a new attempt is due. An attempt under way is not unusable.</summary>
    private static bool IsUnusable(Task<IConnection> connection) =>
        connection.IsFaulted || connection.IsCanceled || (connection.IsCompletedSuccessfully && !connection.Result.IsOpen);

    private async Task<IConnection> ConnectAsync()
    {
        // The library's own bound, however long it then takes to return (see remarks).
        using var timeout = new CancellationTokenSource(DependencyHealthChecks.Timeout);
        return await _factory.CreateConnectionAsync(timeout.Token).ConfigureAwait(false);
    }

    private static async Task DisposeWhenMadeAsync(Task<IConnection>? connecting)
    {
        if (connecting is null)
        {
            return;
        }

        try
        {
            await using var connection = await connecting.ConfigureAwait(false);
            if (connection.IsOpen)
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Whatever failed (the attempt, the goodbye to a broker that is away) there is nothing left to close.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
