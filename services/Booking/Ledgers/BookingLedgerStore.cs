using CivicHall.Booking.Bookings;

namespace CivicHall.Booking.Ledgers;

/// <summary>What one ledger read asks for: the hall, the window [from, to) of slot starts and the filters (null: any).</summary>
public sealed record BookingLedgerFilter(
    string HallId, DateTimeOffset From, DateTimeOffset To, BookingStatus? Status, string? Kind, string? SpecialGroup, string? ItemId);

/// <summary>
/// The bookings ledger's reads: the hall's bookings by slot start in a window, in (slot_starts_at, id) order, by the index
/// <c>(hall_id, slot_starts_at, id)</c> — a page is one index range scan from the cursor on, however deep.
/// </summary>
public static class BookingLedgerStore
{
    public static async Task<(IReadOnlyList<BookingLedgerRow> Rows, string? NextCursor)> PageAsync(
        BookingDbContext db, BookingLedgerFilter filter, BookingLedgerCursor? after, int limit, CancellationToken cancellationToken)
    {
        var rows = await Query(db, filter, after).Take(limit + 1).ToListAsync(cancellationToken);
        var next = rows.Count > limit ? new BookingLedgerCursor(rows[limit - 1].SlotStartsAt, rows[limit - 1].BookingId).Encode() : null;
        return ([.. rows.Take(limit)], next);
    }

    /// <summary>Every row of the window, read as the answer is written (the CSV export).</summary>
    public static IAsyncEnumerable<BookingLedgerRow> AllAsync(BookingDbContext db, BookingLedgerFilter filter) => Query(db, filter, null).AsAsyncEnumerable();

    private static IQueryable<BookingLedgerRow> Query(BookingDbContext db, BookingLedgerFilter filter, BookingLedgerCursor? after)
    {
        // After a cursor: a row comparison in the ledger's own order, an index condition of (hall_id, slot_starts_at, id).
        var bookings = (after is { } a
                ? db.Bookings.FromSql($"SELECT * FROM bookings WHERE (slot_starts_at, id) > ({a.SlotStartsAt}, {a.BookingId})")
                : db.Bookings)
            .AsNoTracking()
            .Where(b => b.HallId == filter.HallId && b.SlotStartsAt >= filter.From && b.SlotStartsAt < filter.To);
        if (filter.Status is { } status)
        {
            bookings = bookings.Where(b => b.Status == status);
        }

        if (filter.Kind is { } kind)
        {
            bookings = bookings.Where(b => b.Kind == kind);
        }

        if (filter.SpecialGroup is { } group)
        {
            bookings = bookings.Where(b => b.SpecialGroup == group);
        }

        if (filter.ItemId is { } item)
        {
            bookings = bookings.Where(b => b.ItemId == item);
        }

        return bookings.OrderBy(b => b.SlotStartsAt).ThenBy(b => b.Id).Select(b => new BookingLedgerRow(
            b.Id, b.SlotStartsAt, b.SlotEndsAt, b.SlotId, b.ItemId, b.WindowGroup, b.Status, b.Kind, b.Channel, b.SpecialGroup, b.PersonKey,
            b.IdNumberMasked, b.NameMasked, b.PhoneMasked, b.AgentId, b.Enterprise, b.TicketNumber, b.CreatedAt, b.CheckedInAt, b.ServedAt,
            b.CancelledAt, b.CancelReason));
    }
}
