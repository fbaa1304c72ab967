namespace CivicHall.Contracts;

/// <summary>
/// Marks a record as an integration event: published by one service through its outbox and
/// consumed by others. Events are immutable, past tense and versioned by namespace (<c>.V1</c>).
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>When the change happened in the publishing service (not when it was sent).</summary>
    DateTimeOffset OccurredAt { get; }
}
