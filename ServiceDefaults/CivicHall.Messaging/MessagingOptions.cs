namespace CivicHall.Messaging;

/// <summary>Settings of the "Messaging" configuration section. Defaults suit a 2-core host.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Messages each consumer endpoint takes from RabbitMQ ahead (MassTransit's default is 2 × cores).</summary>
    public int PrefetchCount { get; set; } = 64;

    /// <summary>
    /// Messages one consumer endpoint processes at once. Each holds a database connection for its
    /// transaction, so this — not the prefetch — bounds what a service asks of PostgreSQL.
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 16;

    /// <summary>Most messages an inbox consumer applies in one transaction.</summary>
    public int InboxBatchSize { get; set; } = 100;

    /// <summary>Transactions one inbox consumer runs at once (each holds a database connection).</summary>
    public int InboxBatchConcurrency { get; set; } = 2;

    /// <summary>
    /// Deliveries an inbox consumer's endpoint takes at once: they wait, cheaply, to be applied in
    /// groups, so this bounds the group size under load (prefetch is raised to match).
    /// </summary>
    public int InboxConcurrentMessageLimit { get; set; } = 200;

    /// <summary>Outbox rows one relay pass claims and publishes.</summary>
    public int RelayBatchSize { get; set; } = 200;

    /// <summary>How often the relay looks for rows when nothing woke it (rows of other replicas, retries).</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the relay counts its pending rows for <c>civichall.outbox.backlog</c> (one index-only count).</summary>
    public TimeSpan BacklogCountInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one publish may wait for the broker before the row is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of the relay's exponential back-off for a row that failed to publish.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Attempts after the first before a message that keeps failing goes to its queue's <c>_error</c>
    /// queue (in-process, exponential from 100 ms, see <see cref="ConsumerRetryMaxInterval"/>).
    /// </summary>
    public int ConsumerRetryLimit { get; set; } = 6;

    /// <summary>The longest wait between two attempts of a failing message (with the defaults, about 20 s in all).</summary>
    public TimeSpan ConsumerRetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long published outbox rows and inbox ids are kept (inbox ids must outlive redeliveries).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
