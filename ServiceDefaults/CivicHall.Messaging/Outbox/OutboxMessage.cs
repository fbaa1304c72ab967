using System.Diagnostics;
using CivicHall.Contracts;

namespace CivicHall.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the state
/// change it announces. The relay publishes it afterwards with <see cref="Id"/> as the message id,
/// so consumers can recognise a redelivery.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>
    /// The row that announces <paramref name="integrationEvent"/>, due at once, carrying the current trace.
    /// Written by EF (<see cref="DbContextOutboxExtensions.AddIntegrationEvent"/>) or by a store's own SQL.
    /// </summary>
    public static OutboxMessage For(IIntegrationEvent integrationEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            MessageType = IntegrationEventTypes.NameOf(integrationEvent.GetType()),
            Payload = OutboxPayload.Serialize(integrationEvent),
            OccurredAt = integrationEvent.OccurredAt.ToUniversalTime(),
            CreatedAt = now.ToUniversalTime(),
            NextAttemptAt = now.ToUniversalTime(),
            TraceParent = Activity.Current?.Id,
        };
    }

    public Guid Id { get; init; }

    /// <summary>Insertion order; the relay publishes in this order (best effort, batches run concurrently).</summary>
    public long Sequence { get; private set; }

    /// <summary>Full CLR name of the contract type, e.g. <c>CivicHall.Contracts.Halls.V1.HallConfigured</c>.</summary>
    public required string MessageType { get; init; }

    public required string Payload { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>W3C traceparent of the request that wrote the event, so the trace continues in consumers.</summary>
    public string? TraceParent { get; init; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? LastError { get; set; }
}
