using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CivicHall.Messaging;

/// <summary>Traces and metrics of the outbox and inbox; ServiceDefaults subscribes to <see cref="Name"/>.</summary>
public static class MessagingTelemetry
{
    public const string Name = "CivicHall.Messaging";

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

    internal static readonly Histogram<int> RelayPassRows = Meter.CreateHistogram<int>(
        "civichall.outbox.relay_pass.rows", unit: "{message}", description: "Outbox rows one relay pass claimed.");
}
