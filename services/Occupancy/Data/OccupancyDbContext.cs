using CivicHall.Messaging;
using CivicHall.Messaging.Persistence;
using CivicHall.Occupancy.Halls;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Occupancy.Data;

public sealed class OccupancyDbContext(DbContextOptions<OccupancyDbContext> options) : DbContext(options)
{
    public DbSet<Hall> Halls => Set<Hall>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Hall>(hall =>
        {
            hall.ToTable("halls");
            hall.HasKey(h => h.Id);
            hall.Property(h => h.Id).HasMaxLength(64);
            hall.Property(h => h.Name).HasMaxLength(200);
            hall.Property(h => h.District).HasMaxLength(100);
            hall.Property(h => h.TimeZone).HasMaxLength(64);
            hall.Property(h => h.OnSiteState).HasMaxLength(32);
            hall.Property(h => h.Version).IsConcurrencyToken();
            hall.Property(h => h.OpeningHours).HasJsonbConversion();
            hall.Property(h => h.Overrides).HasJsonbConversion();
            hall.Property(h => h.Zones).HasJsonbConversion();
        });
        modelBuilder.MapOutboxAndInbox();
    }
}
