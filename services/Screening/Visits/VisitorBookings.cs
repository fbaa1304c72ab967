namespace CivicHall.Screening.Visits;

public static class VisitorBookings
{
    /// <summary>
    /// Marks a booking ended; if its confirmation has not arrived yet, records it ended so that the late
    /// confirmation changes nothing.
    /// </summary>
    public static Task<int> EndAsync(
        ScreeningDbContext db, Guid bookingId, string hallId, string personKey, DateTimeOffset occurredAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO visitor_bookings (booking_id, hall_id, person_key, slot_starts_at, slot_ends_at, green_channel, active, updated_at)
            VALUES ({bookingId}, {hallId}, {personKey}, {occurredAt}, {occurredAt}, false, false, {now})
            ON CONFLICT (booking_id) DO UPDATE SET active = false, updated_at = excluded.updated_at
            """,
            cancellationToken);
    }
}
