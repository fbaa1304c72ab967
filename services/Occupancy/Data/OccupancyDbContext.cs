namespace CivicHall.Occupancy.Data;

/// <summary>
/// Occupancy's database. Each feature maps its own entities (an <see cref="IEntityTypeConfiguration{TEntity}"/>
/// beside them) and names its tables on the context (an extension property, e.g. <c>db.Admissions</c>),
/// so the context depends on no feature and every feature may depend on it.
/// </summary>
public sealed class OccupancyDbContext(DbContextOptions<OccupancyDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OccupancyDbContext).Assembly);
        modelBuilder.MapOutboxAndInbox();
        modelBuilder.MapDayCloses();
    }
}
