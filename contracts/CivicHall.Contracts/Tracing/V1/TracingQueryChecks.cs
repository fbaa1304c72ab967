namespace CivicHall.Contracts.Tracing.V1;

/// <summary>
/// What makes a tracing query valid, in one place for every service that answers one (occupancy, screening,
/// booking): each <c>Validate</c> returns the errors by field of a validation problem, empty when the query is good.
/// </summary>
public static class TracingQueryChecks
{
    /// <summary>The longest window a query may ask about.</summary>
    public const int MaxWindowDays = 31;

    /// <summary>The widest buffer around a stay (<see cref="PresenceQuery.BufferMinutes"/>).</summary>
    public const int MaxBufferMinutes = 240;

    /// <summary>The widest entrance window (<see cref="LaneQuery.WindowMinutes"/>).</summary>
    public const int MaxWindowMinutes = 240;

    /// <summary>The most people one query may name.</summary>
    public const int MaxPersonKeys = 20_000;

    /// <summary>The longest person key (screening's keyed hash).</summary>
    public const int MaxKeyLength = 64;

    public static Dictionary<string, string[]> Validate(PresenceQuery? query)
    {
        var errors = Errors();
        if (query is null)
        {
            return Required(errors, "A presence query is required.");
        }

        Key(query.PersonKey, errors);
        Window(query.From, query.To, errors);
        Minutes(query.BufferMinutes, MaxBufferMinutes, "bufferMinutes", errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(SeenQuery? query)
    {
        var errors = Errors();
        if (query is null)
        {
            return Required(errors, "A seen query is required.");
        }

        Keys(query.PersonKeys, errors);
        Window(query.From, query.To, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(LaneQuery? query)
    {
        var errors = Errors();
        if (query is null)
        {
            return Required(errors, "A lane query is required.");
        }

        Key(query.PersonKey, errors);
        Window(query.From, query.To, errors);
        Minutes(query.WindowMinutes, MaxWindowMinutes, "windowMinutes", errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(BookingQuery? query)
    {
        var errors = Errors();
        if (query is null)
        {
            return Required(errors, "A booking query is required.");
        }

        Window(query.From, query.To, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(IdentityQuery? query)
    {
        var errors = Errors();
        if (query is null)
        {
            return Required(errors, "An identity query is required.");
        }

        Keys(query.PersonKeys, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Validate(ClearIdentityQuery? query)
    {
        var errors = Errors();
        if (query is null)
        {
            return Required(errors, "A clear identity query is required.");
        }

        Keys(query.PersonKeys, errors);
        Text(query.ListId, 64, "listId", "The list read for, 1 to 64 characters.", errors);
        if (string.IsNullOrWhiteSpace(query.Reason) || query.Reason.Trim().Length is < 4 or > 200)
        {
            errors["reason"] = ["Required (4–200 characters): every read of personal data is recorded with its reason."];
        }

        Text(query.RequestedBy, 128, "requestedBy", "Who requested the export, 1 to 128 characters.", errors);
        Text(query.ApprovedBy, 128, "approvedBy", "Who approved the export, 1 to 128 characters.", errors);
        return errors;
    }

    private static Dictionary<string, string[]> Errors() => new(StringComparer.Ordinal);

    private static Dictionary<string, string[]> Required(Dictionary<string, string[]> errors, string message)
    {
        errors["body"] = [message];
        return errors;
    }

    private static void Key(string? key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
        {
            errors["personKey"] = [$"A person key of 1 to {MaxKeyLength} characters."];
        }
    }

    private static void Keys(IReadOnlyList<string>? keys, Dictionary<string, string[]> errors)
    {
        if (keys is null || keys.Count is 0 or > MaxPersonKeys)
        {
            errors["personKeys"] = [$"From 1 to {MaxPersonKeys} person keys."];
        }
        else if (keys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > MaxKeyLength))
        {
            errors["personKeys"] = [$"Each a person key of 1 to {MaxKeyLength} characters."];
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

    private static void Minutes(int value, int max, string field, Dictionary<string, string[]> errors)
    {
        if (value < 0 || value > max)
        {
            errors[field] = [$"From 0 to {max}."];
        }
    }

    private static void Text(string? value, int max, string field, string message, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors[field] = [message];
        }
    }
}
