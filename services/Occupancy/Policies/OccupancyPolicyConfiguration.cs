using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Occupancy.Policies;

/// <summary>How <see cref="OccupancyPolicy"/> is stored (applied by <see cref="OccupancyDbContext"/> with the assembly's other configurations).</summary>
public sealed class OccupancyPolicyConfiguration : IEntityTypeConfiguration<OccupancyPolicy>
{
    public void Configure(EntityTypeBuilder<OccupancyPolicy> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("occupancy_policies");
        builder.HasKey(p => new { p.HallId, p.Version });
        builder.Property(p => p.HallId).HasMaxLength(64);
        builder.Property(p => p.DensityPer100M2).HasPrecision(6, 2);
        builder.Property(p => p.ZoneCaps).HasJsonbConversion();
        builder.Property(p => p.AlertLevels).HasJsonbConversion();
        builder.Property(p => p.CreatedBy).HasMaxLength(128);
        builder.HasIndex(p => new { p.HallId, p.EffectiveFrom });
    }
}
