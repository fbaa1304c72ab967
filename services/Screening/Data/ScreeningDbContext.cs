using CivicHall.HallDirectory;
using CivicHall.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Screening.Data;

public sealed class ScreeningDbContext(DbContextOptions<ScreeningDbContext> options) : DbContext(options)
{
    /// <summary>Halls and zones as occupancy last announced them (HallConfigured).</summary>
    public DbSet<KnownHall> Halls => Set<KnownHall>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapHallDirectory();
        modelBuilder.MapOutboxAndInbox();
    }
}
