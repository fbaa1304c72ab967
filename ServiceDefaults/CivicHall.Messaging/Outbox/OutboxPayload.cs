using System.Text.Json;
using CivicHall.Contracts;

namespace CivicHall.Messaging.Outbox;

/// <summary>The JSON an outbox row carries for an event: what the relay deserialises and publishes.</summary>
public static class OutboxPayload
{
    public static string Serialize(IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), MessagingJson.Options);
    }
}
