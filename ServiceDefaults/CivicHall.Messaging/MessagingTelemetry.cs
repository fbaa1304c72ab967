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
}
