namespace CivicHall.Screening.Screenings;

/// <summary>The screening records' table on <see cref="ScreeningDbContext"/>.</summary>
public static class ScreeningTables
{
    extension(ScreeningDbContext db)
    {
        public DbSet<ScreeningRecord> Screenings => db.Set<ScreeningRecord>();
    }
}
