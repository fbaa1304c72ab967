using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CivicHall.Occupancy.Live;

/// <summary>
/// The text/event-stream wire format (WHATWG HTML §9.2) for what the live stream sends: an event
/// with an id, a type and one line of JSON; a comment; the client's reconnection delay.
/// </summary>
public static class ServerSentEvents
{
    public const string ContentType = "text/event-stream";

    /// <summary>A comment line: clients ignore it, proxies and load balancers see traffic.</summary>
    public static ReadOnlySpan<byte> KeepAlive => ": keep-alive\n\n"u8;

    /// <summary>
    /// Writes <c>id: {id}</c>, <c>event: {eventType}</c> and <c>data: {json of data}</c>. The JSON is
    /// written unindented whatever the options say, so it is one line (a string's line breaks are
    /// escaped) and the event is one <c>data</c> field.
    /// </summary>
    public static void WriteEvent<T>(IBufferWriter<byte> destination, string eventType, long id, T data, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        WriteAscii(destination, string.Create(CultureInfo.InvariantCulture, $"id: {id}\nevent: {eventType}\ndata: "));
        using (var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Encoder = options.Encoder, Indented = false }))
        {
            JsonSerializer.Serialize(json, data, options);
        }

        destination.Write("\n\n"u8);
    }

    /// <summary>Writes <c>retry: {milliseconds}</c>: how long a client waits before it reconnects.</summary>
    public static void WriteRetry(IBufferWriter<byte> destination, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(destination);
        WriteAscii(destination, string.Create(CultureInfo.InvariantCulture, $"retry: {(long)delay.TotalMilliseconds}\n\n"));
    }

    private static void WriteAscii(IBufferWriter<byte> destination, string text)
    {
        var span = destination.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        destination.Advance(written);
    }
}
