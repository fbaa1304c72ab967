namespace CivicHall.Booking.Bookings;

/// <summary>
/// Giving back what a booking held, for every way a booking ends (cancelled, no-show, re-planned away). The place and
/// the unit of quota go back through <c>booking_release_place</c> and <c>booking_release_quota</c> (<c>Sql/</c>), which
/// <c>booking_reschedule</c> calls too: one home for how a place is given back.
/// </summary>
public static class BookingPlaces
{
    /// <summary>
    /// Frees what an active booking held: its place in the slot, its unit of the day's quota and one of
    /// the person's active places. A place is dropped instead of freed while its slot or day holds more
    /// than the plan now allows (a lower quota than was booked, or a cancellation that committed while a
    /// re-plan was moving a slot's surplus away), so a cancellation never reopens a place the plan took away.
    /// </summary>
    public static async Task ReleaseAsync(BookingDbContext db, Booking booking, CancellationToken cancellationToken)
    {
        await ReleasePlaceAsync(db, booking, cancellationToken);
        await ReleaseQuotaAsync(db, booking, cancellationToken);
        await ReleasePersonAsync(db, booking.PersonKey, cancellationToken);
    }

    /// <summary>Frees a booking's place in its slot, or drops it while the slot holds more than the plan allows.</summary>
    public static async Task ReleasePlaceAsync(BookingDbContext db, Booking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.PlaceStripe is { } stripe)
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT booking_release_place({booking.HallId}, {booking.SlotId}, {booking.PlaceReserved ?? false}, {stripe})", cancellationToken);
        }
    }

    /// <summary>Frees a booking's unit of the day's quota, or drops it while the day holds more than its quota.</summary>
    public static async Task ReleaseQuotaAsync(BookingDbContext db, Booking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.QuotaStripe is not { } stripe)
        {
            return;
        }

        await db.Database.ExecuteSqlAsync(
            $"SELECT booking_release_quota({booking.HallId}, {booking.Date}, {stripe})", cancellationToken);
    }

    /// <summary>Gives one active place back to a person whose booking ended (cancelled, no-show).</summary>
    public static Task<int> ReleasePersonAsync(BookingDbContext db, string personKey, CancellationToken cancellationToken) =>
        db.PersonActiveBookings.Where(p => p.PersonKey == personKey && p.Active > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Active, x => x.Active - 1), cancellationToken);
}
