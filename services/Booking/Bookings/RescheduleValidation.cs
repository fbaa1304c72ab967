using CivicHall.Booking.Slots;
using CivicHall.ServiceDefaults.Requests;

namespace CivicHall.Booking.Bookings;

/// <summary>Checks a reschedule (改约) and the query of the caller's own bookings, listing every field that is wrong.</summary>
public static class RescheduleValidation
{
    /// <summary>The longest <c>status</c> filter: every status once, comma-separated, with room to spare.</summary>
    public const int StatusMaxLength = 100;

    /// <summary>The body of a reschedule (the slot to move to, an optional reason) and its <c>Idempotency-Key</c>.</summary>
    public static Dictionary<string, string[]> Validate(RescheduleBookingRequest? request, string key)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        IdempotencyKeyHeader.Validate(key, IdempotencyKeyHeader.BookingMaxLength, errors);
        if (request is null)
        {
            errors["body"] = ["A JSON body with the slotId to move to is required."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.SlotId) || request.SlotId.Length > SlotIds.MaxLength || !SlotIds.IsValid(request.SlotId))
        {
            errors["slotId"] = ["Required: a slotId of the same item from GET /api/v1/halls/{hallId}/slots."];
        }

        if (request.Reason is { } reason && reason.Trim().Length > RescheduleBookingRequest.ReasonMaxLength)
        {
            errors["reason"] = [$"At most {RescheduleBookingRequest.ReasonMaxLength} characters."];
        }

        return errors;
    }

    /// <summary>
    /// The <c>status</c> filter of the caller's bookings: repeated (<c>status=a&amp;status=b</c>) or a comma list, each a booking
    /// status; empty when absent (every status).
    /// </summary>
    /// <remarks>A repeated query value reaches a <c>string</c> parameter joined by commas, so both spellings read alike.</remarks>
    public static HashSet<BookingStatus> Statuses(string? status, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var statuses = new HashSet<BookingStatus>();
        if (status is { Length: > StatusMaxLength })
        {
            errors["status"] = [$"At most {StatusMaxLength} characters."];
            return statuses;
        }

        foreach (var text in (status ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!EnumText.TryParse<BookingStatus>(text, out var parsed))
            {
                errors["status"] = ["Each one of confirmed, checked_in, served, no_show, cancelled (repeated or separated by commas)."];
                return [];
            }

            statuses.Add(parsed);
        }

        return statuses;
    }

    /// <summary>The optional <c>hallId</c> and the days <c>from</c>…<c>to</c> (the hall's local dates, inclusive).</summary>
    public static void ValidateRange(string? hallId, DateOnly? from, DateOnly? to, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (hallId is not null && !Identifier.IsValid(hallId))
        {
            errors["hallId"] = [$"When given, a hall id. {Identifier.Rule}"];
        }

        if (from > to)
        {
            errors["to"] = ["Must not be before from."];
        }
    }
}
