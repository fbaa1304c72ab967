using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CivicHall.Messaging;

/// <summary>Traces and metrics of the outbox and inbox; ServiceDefaults subscribes to <see cref="Name"/>.</summary>
/// <remarks>
/// A trace crosses the outbox like this: the row keeps the <c>traceparent</c> of the request (or the
/// message) that wrote it; the relay publishes it inside an <c>outbox publish</c> span whose parent is that
/// traceparent, so MassTransit's send span and the header it writes carry it on; the consumer's consume
/// span continues from the header. An inbox group applies its deliveries in one transaction, in an
/// <c>inbox apply</c> span: a child of the delivery's consume span when the group holds one, else a root
/// linked to every delivery's; each message is then handled in an <c>inbox handle</c> span that is a
/// child of its own consume span, so what it writes (outbox rows included) stays in its own trace.
/// </remarks>
public static class MessagingTelemetry
{
    public const string Name = "CivicHall.Messaging";

    /// <summary>The span in which the relay publishes one outbox row.</summary>
    public const string PublishActivityName = "outbox publish";

    /// <summary>The span of one inbox group's transaction.</summary>
    public const string ApplyActivityName = "inbox apply";

    /// <summary>The span in which one message of an inbox group is handled.</summary>
    public const string HandleActivityName = "inbox handle";

    internal static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Published = Meter.CreateCounter<long>(
        "civichall.outbox.published", unit: "{message}", description: "Outbox rows published to the broker.");

    internal static readonly Counter<long> PublishFailures = Meter.CreateCounter<long>(
        "civichall.outbox.publish_failures", unit: "{message}", description: "Publish attempts that failed and will be retried.");

    internal static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "civichall.outbox.lag", unit: "ms", description: "Time from writing an outbox row to its publication.");

    internal static readonly Counter<long> DuplicatesSkipped = Meter.CreateCounter<long>(
        "civichall.inbox.duplicates", unit: "{message}", description: "Deliveries the inbox recognised as already applied.");

    internal static readonly Histogram<int> InboxBatchSize = Meter.CreateHistogram<int>(
        "civichall.inbox.batch_size", unit: "{message}", description: "Messages an inbox consumer applied in one transaction.");

    internal static readonly Counter<long> InboxGroupsSplit = Meter.CreateCounter<long>(
        "civichall.inbox.groups_split", unit: "{group}", description: "Inbox groups that failed and were applied again one message per transaction.");

    internal static readonly Histogram<double> RelayPassDuration = Meter.CreateHistogram<double>(
        "civichall.outbox.relay_pass.duration", unit: "ms", description: "Time one relay pass took to claim, publish and mark its rows.");

    /// <summary>
    /// Pending outbox rows per relay, as its last count found them (<see cref="MessagingOptions.BacklogCountInterval"/>).
    /// Tagged with the service, since every service's relay reports its own outbox.
    /// </summary>
    internal static readonly ObservableGauge<long> Backlog = Meter.CreateObservableGauge(
        "civichall.outbox.backlog", ObserveBacklog, unit: "{message}",
        description: "Outbox rows not yet published (due or backing off), as the relay last counted them.");

    private static readonly ConcurrentDictionary<BacklogCounter, byte> BacklogCounters = new();

    internal static readonly Histogram<int> RelayPassRows = Meter.CreateHistogram<int>(
        "civichall.outbox.relay_pass.rows", unit: "{message}", description: "Outbox rows one relay pass claimed.");

    /// <summary>The W3C <c>traceparent</c> of <paramref name="context"/>; null for no trace.</summary>
    public static string? TraceParent(ActivityContext context) =>
        context == default ? null : $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";

    internal static void Register(BacklogCounter counter) => BacklogCounters.TryAdd(counter, 0);

    internal static void Unregister(BacklogCounter counter) => BacklogCounters.TryRemove(counter, out _);

    private static IEnumerable<Measurement<long>> ObserveBacklog()
    {
        foreach (var counter in BacklogCounters.Keys)
        {
            if (counter.Pending is { } pending)
            {
                yield return new Measurement<long>(pending, new KeyValuePair<string, object?>("service", counter.Service));
            }
        }
    }
}

/// <summary>What one relay last counted of its outbox's pending rows (null before its first count).</summary>
internal sealed class BacklogCounter(string service)
{
    private long _pending = -1;

    public string Service { get; } = service;

    public long? Pending => Volatile.Read(ref _pending) is var pending and >= 0 ? pending : null;

    public void Set(long pending) => Volatile.Write(ref _pending, pending);
}
