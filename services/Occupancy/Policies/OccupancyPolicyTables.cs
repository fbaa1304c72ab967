namespace CivicHall.Occupancy.Policies;

/// <summary>The policy versions' table on <see cref="OccupancyDbContext"/>.</summary>
public static class OccupancyPolicyTables
{
    extension(OccupancyDbContext db)
    {
        public DbSet<OccupancyPolicy> Policies => db.Set<OccupancyPolicy>();
    }
}
