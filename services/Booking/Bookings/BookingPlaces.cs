using CivicHall.Booking.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Booking.Bookings;

/// <summary>Giving back what a booking held, for every way a booking ends (cancelled, no-show, re-planned away).</summary>
public static class BookingPlaces
{
    /// <summary>
    /// Frees what an active booking held: its seat, its quota token and one of the person's active places.
    /// A seat or token is dropped instead of freed while its slot or day holds more than the plan now
    /// allows (a lower quota than was booked, or a cancellation that committed while a re-plan was moving
    /// a slot's surplus away), so a cancellation never reopens a place the plan took away.
    /// </summary>
    public static async Task ReleaseAsync(BookingDbContext db, Booking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await db.Database.ExecuteSqlAsync($"""
            WITH mine AS (
                SELECT s.hall_id, s.slot_id, s.seat_no FROM slot_seats s WHERE s.booking_id = {booking.Id}
            ), surplus AS (
                SELECT m.* FROM mine m JOIN slots sl ON sl.hall_id = m.hall_id AND sl.slot_id = m.slot_id
                WHERE (SELECT count(*) FROM slot_seats c WHERE c.hall_id = m.hall_id AND c.slot_id = m.slot_id) > sl.capacity
            ), dropped AS (
                DELETE FROM slot_seats d USING surplus x
                WHERE d.hall_id = x.hall_id AND d.slot_id = x.slot_id AND d.seat_no = x.seat_no
                RETURNING d.seat_no
            )
            UPDATE slot_seats u SET booking_id = NULL WHERE u.booking_id = {booking.Id} AND NOT EXISTS (SELECT 1 FROM surplus)
            """, cancellationToken);
        await ReleaseQuotaAsync(db, booking.Id, cancellationToken);
        await ReleasePersonAsync(db, booking.PersonKey, cancellationToken);
    }

    /// <summary>Frees a booking's quota token, or drops it while the day holds more tokens than its quota.</summary>
    public static Task<int> ReleaseQuotaAsync(BookingDbContext db, Guid bookingId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            WITH mine AS (
                SELECT t.hall_id, t.date, t.token_no FROM day_quota_tokens t WHERE t.booking_id = {bookingId}
            ), surplus AS (
                SELECT m.* FROM mine m JOIN planned_days p ON p.hall_id = m.hall_id AND p.date = m.date
                WHERE (SELECT count(*) FROM day_quota_tokens c WHERE c.hall_id = m.hall_id AND c.date = m.date) > p.daily_quota
            ), dropped AS (
                DELETE FROM day_quota_tokens d USING surplus x
                WHERE d.hall_id = x.hall_id AND d.date = x.date AND d.token_no = x.token_no
                RETURNING d.token_no
            )
            UPDATE day_quota_tokens u SET booking_id = NULL WHERE u.booking_id = {bookingId} AND NOT EXISTS (SELECT 1 FROM surplus)
            """, cancellationToken);

    /// <summary>Gives one active place back to a person whose booking ended (cancelled, no-show).</summary>
    public static Task<int> ReleasePersonAsync(BookingDbContext db, string personKey, CancellationToken cancellationToken) =>
        db.PersonActiveBookings.Where(p => p.PersonKey == personKey && p.Active > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Active, x => x.Active - 1), cancellationToken);
}
