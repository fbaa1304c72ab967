using CivicHall.Contracts.Tracing.V1;

namespace CivicHall.Occupancy.Tracing;

/// <summary>The checks of incident's tracing queries: a person key, a window of at most <see cref="MaxWindowDays"/> days in order, a buffer in range.</summary>
public static class TracingValidation
{
    public const int MaxWindowDays = 31;
    public const int MaxBufferMinutes = 240;
    public const int MaxPersonKeys = 20_000;

    public static Dictionary<string, string[]> Validate(PresenceQuery? query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (query is null)
        {
            errors["body"] = ["A presence query is required."];
            return errors;
        }

        Key(query.PersonKey, "personKey", errors);
        Window(query.From, query.To, errors);
        if (query.BufferMinutes is < 0 or > MaxBufferMinutes)
        {
            errors["bufferMinutes"] = [$"From 0 to {MaxBufferMinutes}."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(SeenQuery? query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (query is null)
        {
            errors["body"] = ["A seen query is required."];
            return errors;
        }

        if (query.PersonKeys is null || query.PersonKeys.Count is 0 or > MaxPersonKeys)
        {
            errors["personKeys"] = [$"From 1 to {MaxPersonKeys} person keys."];
        }
        else if (query.PersonKeys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 64))
        {
            errors["personKeys"] = ["Each a person key of 1 to 64 characters."];
        }

        Window(query.From, query.To, errors);
        return errors;
    }

    private static void Key(string? key, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 64)
        {
            errors[field] = ["A person key of 1 to 64 characters."];
        }
    }

    private static void Window(DateTimeOffset from, DateTimeOffset to, Dictionary<string, string[]> errors)
    {
        if (from == default || to == default || to <= from)
        {
            errors["to"] = ["`from` and `to` are required, `to` after `from`."];
        }
        else if (to - from > TimeSpan.FromDays(MaxWindowDays))
        {
            errors["to"] = [$"A window of at most {MaxWindowDays} days."];
        }
    }
}
