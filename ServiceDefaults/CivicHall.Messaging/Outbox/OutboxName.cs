namespace CivicHall.Messaging.Outbox;

/// <summary>Whose outbox a relay publishes (the service name given to <c>AddMessaging</c>): the tag of its metrics.</summary>
public sealed record OutboxName(string Service);
