using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Booking.Ledgers;

/// <summary>
/// Where a page of the bookings ledger ends: the last booking's slot start and id, the ledger's order (earliest slot
/// first). Opaque to callers (base64url); a page never skips or repeats a booking.
/// </summary>
public readonly record struct BookingLedgerCursor(DateTimeOffset SlotStartsAt, Guid BookingId)
{
    public string Encode() => TimeIdCursor.Encode(SlotStartsAt, BookingId);

    public static bool TryParse(string text, out BookingLedgerCursor cursor)
    {
        var parsed = TimeIdCursor.TryParse(text, out var at, out var id);
        cursor = parsed ? new BookingLedgerCursor(at, id) : default;
        return parsed;
    }
}
