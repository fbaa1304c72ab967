using Npgsql;

namespace CivicHall.Messaging.Health;

/// <summary>
/// What <c>/health</c> asks of a service's dependencies: its PostgreSQL database (a connection and
/// <c>SELECT 1</c>) and RabbitMQ (a channel opened on a connection kept for the probes). Each check
/// gives up after <see cref="Timeout"/>, so a database or broker that is away — or hangs — makes
/// <c>/health</c> answer Unhealthy (503) within a few seconds instead of holding the probe.
/// </summary>
public static class DependencyHealthChecks
{
    public const string DatabaseCheckName = "database";
    public const string BrokerCheckName = "broker";

    /// <summary>Tag of the checks that say whether the service can do its work (not only run).</summary>
    public const string ReadyTag = "ready";

    /// <summary>The longest one check may take: the drivers' own connect and command timeouts, and the check's.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The database check's connection string, from the one configured: the same server, database
    /// and credentials, on a pool of its own of at most two connections, so that a probe neither waits
    /// behind requests for a pooled connection (a busy service is not an unhealthy one) nor takes one
    /// from them. Connecting and the query each give up after <see cref="Timeout"/>; a cancelled probe
    /// drops its connection at once instead of waiting for the server to confirm the cancellation.
    /// </summary>
    public static string DatabaseConnectionString(string configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var seconds = (int)Math.Ceiling(Timeout.TotalSeconds);
        return new NpgsqlConnectionStringBuilder(configured)
        {
            MaxPoolSize = 2,
            MinPoolSize = 0,
            Timeout = seconds,
            CommandTimeout = seconds,
            CancellationTimeout = -1,
        }.ConnectionString;
    }
}
