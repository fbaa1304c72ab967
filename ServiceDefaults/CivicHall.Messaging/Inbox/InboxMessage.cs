namespace CivicHall.Messaging.Inbox;

/// <summary>One message id that one consumer has already applied. The primary key makes it once only.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
