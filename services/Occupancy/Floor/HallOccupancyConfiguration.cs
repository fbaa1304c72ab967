using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Occupancy.Floor;

/// <summary>How <see cref="HallOccupancy"/> is stored (applied by <see cref="OccupancyDbContext"/> with the assembly's other configurations).</summary>
public sealed class HallOccupancyConfiguration : IEntityTypeConfiguration<HallOccupancy>
{
    public void Configure(EntityTypeBuilder<HallOccupancy> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("hall_occupancy", table =>
        {
            table.HasCheckConstraint("ck_hall_occupancy_counts", "inside >= 0 AND queue_length >= 0 AND staff_present >= 0 AND received_today >= 0");
        });
        builder.HasKey(h => h.HallId);
        builder.Property(h => h.HallId).HasMaxLength(64);
        builder.Property(h => h.TimeZone).HasMaxLength(64);
        builder.Property(h => h.OnSiteState).HasMaxLength(32);
        builder.Property(h => h.AlertLevels).HasColumnType("integer[]");
    }
}
