namespace CivicHall.Screening.Policies;

/// <summary>The policy versions' table on <see cref="ScreeningDbContext"/>.</summary>
public static class ScreeningPolicyTables
{
    extension(ScreeningDbContext db)
    {
        public DbSet<ScreeningPolicy> Policies => db.Set<ScreeningPolicy>();
    }
}
