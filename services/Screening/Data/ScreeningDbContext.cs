namespace CivicHall.Screening.Data;

/// <summary>
/// Screening's database. Each feature maps its own entities (an <see cref="IEntityTypeConfiguration{TEntity}"/>
/// beside them) and names its tables on the context (an extension property, e.g. <c>db.Screenings</c>),
/// so the context depends on no feature and every feature may depend on it.
/// </summary>
public sealed class ScreeningDbContext(DbContextOptions<ScreeningDbContext> options) : DbContext(options)
{
    /// <summary>Halls and zones as occupancy last announced them (HallConfigured).</summary>
    public DbSet<KnownHall> Halls => Set<KnownHall>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapHallDirectory();
        modelBuilder.MapOutboxAndInbox();
        modelBuilder.MapDayCloses();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScreeningDbContext).Assembly);
    }
}
