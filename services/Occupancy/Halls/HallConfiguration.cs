using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Occupancy.Halls;

/// <summary>How <see cref="Hall"/> is stored (applied by <see cref="OccupancyDbContext"/> with the assembly's other configurations).</summary>
public sealed class HallConfiguration : IEntityTypeConfiguration<Hall>
{
    public void Configure(EntityTypeBuilder<Hall> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("halls");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasMaxLength(64);
        builder.Property(h => h.Name).HasMaxLength(200);
        builder.Property(h => h.District).HasMaxLength(100);
        builder.Property(h => h.TimeZone).HasMaxLength(64);
        builder.Property(h => h.OnSiteState).HasMaxLength(32);
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.Property(h => h.OpeningHours).HasJsonbConversion();
        builder.Property(h => h.Overrides).HasJsonbConversion();
        builder.Property(h => h.Zones).HasJsonbConversion();
    }
}
