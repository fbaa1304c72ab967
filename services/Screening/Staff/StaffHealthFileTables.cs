namespace CivicHall.Screening.Staff;

/// <summary>The health files' table on <see cref="ScreeningDbContext"/>.</summary>
public static class StaffHealthFileTables
{
    extension(ScreeningDbContext db)
    {
        public DbSet<StaffHealthFile> StaffHealthFiles => db.Set<StaffHealthFile>();
    }
}
