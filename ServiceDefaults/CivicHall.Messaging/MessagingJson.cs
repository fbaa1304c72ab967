using System.Text.Json;

namespace CivicHall.Messaging;

/// <summary>The one JSON shape of outbox payloads (the same web defaults MassTransit's serializer uses).</summary>
internal static class MessagingJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
