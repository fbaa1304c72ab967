using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Occupancy.Floor;

/// <summary>How <see cref="OccupancyZone"/> is stored (applied by <see cref="OccupancyDbContext"/> with the assembly's other configurations).</summary>
public sealed class OccupancyZoneConfiguration : IEntityTypeConfiguration<OccupancyZone>
{
    public void Configure(EntityTypeBuilder<OccupancyZone> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("occupancy_zones", table =>
        {
            table.HasCheckConstraint("ck_occupancy_zones_count", "count >= 0 AND capacity >= 0 AND planned_capacity >= 0 AND entered >= 0");
        });
        builder.HasKey(z => new { z.HallId, z.ZoneId });
        builder.Property(z => z.HallId).HasMaxLength(64);
        builder.Property(z => z.ZoneId).HasMaxLength(64);
        builder.Property(z => z.Kind).HasMaxLength(32);
        builder.Property(z => z.Name).HasMaxLength(200);
        builder.Property(z => z.State).HasMaxLength(16).HasConversion<TextEnumConverter<ZoneState>>();
        builder.Property(z => z.ClosedReason).HasMaxLength(500);
        builder.Property(z => z.ClosedByIncident).HasMaxLength(64);
    }
}
