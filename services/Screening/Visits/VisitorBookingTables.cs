namespace CivicHall.Screening.Visits;

/// <summary>The booking projection's table on <see cref="ScreeningDbContext"/>.</summary>
public static class VisitorBookingTables
{
    extension(ScreeningDbContext db)
    {
        /// <summary>Bookings as booking announced them, to check a visitor's window.</summary>
        public DbSet<VisitorBooking> VisitorBookings => db.Set<VisitorBooking>();
    }
}
