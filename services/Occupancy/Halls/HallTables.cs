namespace CivicHall.Occupancy.Halls;

/// <summary>The hall register's table on <see cref="OccupancyDbContext"/>.</summary>
public static class HallTables
{
    extension(OccupancyDbContext db)
    {
        public DbSet<Hall> Halls => db.Set<Hall>();
    }
}
