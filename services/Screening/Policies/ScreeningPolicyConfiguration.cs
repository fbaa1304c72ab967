using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Screening.Policies;

/// <summary>How <see cref="ScreeningPolicy"/> is stored (applied by <see cref="ScreeningDbContext"/> with the assembly's other configurations).</summary>
public sealed class ScreeningPolicyConfiguration : IEntityTypeConfiguration<ScreeningPolicy>
{
    public void Configure(EntityTypeBuilder<ScreeningPolicy> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("screening_policies");
        builder.HasKey(p => new { p.HallId, p.Version });
        builder.Property(p => p.HallId).HasMaxLength(64);
        builder.Property(p => p.Kinds).HasJsonbConversion();
        builder.Property(p => p.RetestAtC).HasPrecision(4, 1);
        builder.Property(p => p.IsolateAboveC).HasPrecision(4, 1);
        builder.Property(p => p.MaskRule).HasMaxLength(16);
        builder.Property(p => p.CreatedBy).HasMaxLength(128);
        builder.HasIndex(p => new { p.HallId, p.EffectiveFrom });
    }
}
