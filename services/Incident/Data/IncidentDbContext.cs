namespace CivicHall.Incident.Data;

public sealed class IncidentDbContext(DbContextOptions<IncidentDbContext> options) : DbContext(options)
{
    /// <summary>Halls and zones as occupancy last announced them (HallConfigured).</summary>
    public DbSet<KnownHall> Halls => Set<KnownHall>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapHallDirectory();
        modelBuilder.MapOutboxAndInbox();
    }
}
