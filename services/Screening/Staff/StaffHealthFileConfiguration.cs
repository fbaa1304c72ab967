using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Screening.Staff;

/// <summary>How <see cref="StaffHealthFile"/> is stored (applied by <see cref="ScreeningDbContext"/> with the assembly's other configurations).</summary>
public sealed class StaffHealthFileConfiguration : IEntityTypeConfiguration<StaffHealthFile>
{
    public void Configure(EntityTypeBuilder<StaffHealthFile> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("staff_health_files");
        builder.HasKey(f => f.StaffId);
        builder.Property(f => f.StaffId).HasMaxLength(64);
        builder.Property(f => f.HallId).HasMaxLength(64);
        builder.Property(f => f.PersonKey).HasMaxLength(64);
        builder.Property(f => f.IdNumberEncrypted).HasMaxLength(256);
        builder.Property(f => f.IdNumberMasked).HasMaxLength(32);
        builder.Property(f => f.NameEncrypted).HasMaxLength(512);
        builder.Property(f => f.NameMasked).HasMaxLength(64);
        builder.Property(f => f.UpdatedBy).HasMaxLength(128);
        builder.Property(f => f.VaccinationExemptionReasonEncrypted).HasMaxLength(2048);
        builder.Property(f => f.VaccinationExemptedBy).HasMaxLength(128);
        builder.Property(f => f.Tests).HasJsonbConversion();
        builder.Property(f => f.Symptoms).HasJsonbConversion();
        builder.Property(f => f.Revision).IsConcurrencyToken();
        builder.HasIndex(f => f.PersonKey);
    }
}
