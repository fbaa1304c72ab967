using CivicHall.Contracts.Tracing.V1;

namespace CivicHall.Booking.Tracing;

/// <summary>The checks of incident's tracing queries to booking.</summary>
public static class TracingValidation
{
    public const int MaxWindowDays = 31;
    public const int MaxPersonKeys = 20_000;

    public static Dictionary<string, string[]> Validate(BookingQuery? query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (query is null)
        {
            errors["body"] = ["A booking query is required."];
        }
        else if (query.From == default || query.To == default || query.To <= query.From)
        {
            errors["to"] = ["`from` and `to` are required, `to` after `from`."];
        }
        else if (query.To - query.From > TimeSpan.FromDays(MaxWindowDays))
        {
            errors["to"] = [$"A window of at most {MaxWindowDays} days."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(IdentityQuery? query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (query is null)
        {
            errors["body"] = ["An identity query is required."];
        }
        else if (query.PersonKeys is null || query.PersonKeys.Count is 0 or > MaxPersonKeys)
        {
            errors["personKeys"] = [$"From 1 to {MaxPersonKeys} person keys."];
        }
        else if (query.PersonKeys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 64))
        {
            errors["personKeys"] = ["Each a person key of 1 to 64 characters."];
        }

        return errors;
    }
}
