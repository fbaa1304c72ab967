using System.Text.Json;
using System.Text.Json.Serialization;

namespace CivicHall.ServiceDefaults.Requests;

/// <summary>
/// Reads every string of a request body through <see cref="PlainText"/>: a field with a control
/// character fails the body's binding with the field's JSON path, which the bad-request handler
/// answers as 400 <c>validation_failed</c> naming the field, before any handler runs.
/// </summary>
public sealed class PlainTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A string is expected.");
        }

        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") cannot become a .NET string.
            throw new JsonException(PlainText.Rule);
        }

        return PlainText.IsValid(value) ? value : throw new JsonException(PlainText.Rule);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
