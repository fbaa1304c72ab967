using CivicHall.Booking.Bookings;
using CivicHall.Contracts.Tracing.V1;

namespace CivicHall.Booking.Tracing;

/// <summary>
/// The bookings incident asks for at tracing time (reads only): the hall's bookings whose slot (the current one: a
/// moved booking counts in the slot it moved to) overlaps the window, cancelled ones left out; and masked identities
/// from each person's latest booking at the hall. Capped at <see cref="Cap"/> rows.
/// </summary>
public static class TracingStore
{
    public const int Cap = 20_000;

    public static async Task<BookingAnswer> BookingsAsync(BookingDbContext db, string hallId, BookingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        // The day is the hall's: a day either side of the UTC dates covers every time zone, and the index (hall, date, status) serves it.
        var firstDay = DateOnly.FromDateTime(query.From.UtcDateTime).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(query.To.UtcDateTime).AddDays(1);
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.HallId == hallId && b.Date >= firstDay && b.Date <= lastDay && b.Status != BookingStatus.Cancelled
                && b.SlotStartsAt < query.To && b.SlotEndsAt > query.From)
            .OrderBy(b => b.SlotStartsAt).ThenBy(b => b.Id)
            .Take(Cap + 1)
            .Select(b => new { b.Id, b.PersonKey, b.Kind, b.Status, b.SlotStartsAt, b.SlotEndsAt, b.IdNumberMasked, b.NameMasked })
            .ToListAsync(cancellationToken);
        return new BookingAnswer(
            [.. rows.Take(Cap).Select(b => new TracedBooking(b.Id, b.PersonKey, b.Kind, EnumText.Of(b.Status), b.SlotStartsAt, b.SlotEndsAt, b.IdNumberMasked, b.NameMasked))],
            rows.Count > Cap);
    }

    /// <summary>Masked identities from each person's latest booking at the hall; people who never booked there are left out.</summary>
    public static async Task<IdentityAnswer> IdentitiesAsync(BookingDbContext db, string hallId, IdentityQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var keys = query.PersonKeys.Distinct(StringComparer.Ordinal).ToArray();
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.HallId == hallId && keys.Contains(b.PersonKey))
            .Select(b => new { b.PersonKey, b.Kind, b.IdNumberMasked, b.NameMasked, b.PhoneMasked, b.CreatedAt })
            .ToListAsync(cancellationToken);
        return new IdentityAnswer([.. rows.GroupBy(b => b.PersonKey, StringComparer.Ordinal)
            .Select(g => g.MaxBy(b => b.CreatedAt)!)
            .OrderBy(b => b.PersonKey, StringComparer.Ordinal)
            .Select(b => new MaskedIdentity(b.PersonKey, b.Kind == "agent" ? "agent" : "visitor", b.IdNumberMasked, b.NameMasked, b.PhoneMasked))]);
    }
}
