namespace CivicHall.Booking.Bookings;

/// <summary>The <c>Idempotency-Key</c> header that single and batch bookings require, each with its own length limit.</summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>The longest key of <c>POST /api/v1/bookings</c>.</summary>
    public const int BookingMaxLength = 128;

    /// <summary>The longest key of <c>POST /api/v1/bookings/batches</c>: each booking of a batch is recorded as <c>key#index</c>, which must fit the 128 characters of a recorded key.</summary>
    public const int BatchMaxLength = 100;

    /// <summary>The key the request carries (empty when none).</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[Name].ToString();
    }

    /// <summary>Adds an error when the key is missing or longer than <paramref name="maxLength"/>.</summary>
    public static void Validate(string key, int maxLength, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(key) || key.Length > maxLength)
        {
            errors[Name] = [$"The Idempotency-Key header is required (at most {maxLength} characters)."];
        }
    }
}
