using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// Where a page of the caller's bookings ends: the last booking's slot start and id, the list's order (newest slot
/// first). Opaque to callers (base64url); a page never skips or repeats a booking however many are made meanwhile.
/// </summary>
public readonly record struct BookingCursor(DateTimeOffset SlotStartsAt, Guid BookingId)
{
    public const int Length = TimeIdCursor.Length;

    public string Encode() => TimeIdCursor.Encode(SlotStartsAt, BookingId);

    public static bool TryParse(string text, out BookingCursor cursor)
    {
        var parsed = TimeIdCursor.TryParse(text, out var at, out var id);
        cursor = parsed ? new BookingCursor(at, id) : default;
        return parsed;
    }
}
