using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Screening.Screenings;

/// <summary>How <see cref="ScreeningRecord"/> is stored (applied by <see cref="ScreeningDbContext"/> with the assembly's other configurations).</summary>
public sealed class ScreeningRecordConfiguration : IEntityTypeConfiguration<ScreeningRecord>
{
    public void Configure(EntityTypeBuilder<ScreeningRecord> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("screening_records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.HallId).HasMaxLength(64);
        builder.Property(r => r.PersonKind).HasMaxLength(16);
        builder.Property(r => r.PersonKey).HasMaxLength(64);
        builder.Property(r => r.IdNumberEncrypted).HasMaxLength(256);
        builder.Property(r => r.IdNumberMasked).HasMaxLength(32);
        builder.Property(r => r.NameEncrypted).HasMaxLength(512);
        builder.Property(r => r.NameMasked).HasMaxLength(64);
        builder.Property(r => r.AddressEncrypted).HasMaxLength(1024);
        builder.Property(r => r.PhoneEncrypted).HasMaxLength(256);
        builder.Property(r => r.Lane).HasMaxLength(64);
        builder.Property(r => r.DeviceId).HasMaxLength(64);
        builder.Property(r => r.RecordedBy).HasMaxLength(128);
        builder.Property(r => r.HealthCode).HasMaxLength(16);
        builder.Property(r => r.TestResult).HasMaxLength(16);
        builder.Property(r => r.AntigenResult).HasMaxLength(16);
        builder.Property(r => r.TemperatureC).HasPrecision(4, 1);
        builder.Property(r => r.Outcome).HasMaxLength(16);
        builder.Property(r => r.Symptoms).HasJsonbConversion();
        builder.Property(r => r.Findings).HasJsonbConversion();
        builder.Property(r => r.Measures).HasJsonbConversion();
        builder.HasIndex(r => new { r.HallId, r.PersonKey, r.TakenAt });
        // Contact tracing: who was screened in a lane around an instant (Tracing/TracingStore).
        builder.HasIndex(r => new { r.HallId, r.Lane, r.TakenAt });
        // The day close's counts (and recounts) of a hall-day, and the ledger's pages in (taken_at, id) order (Ledgers/).
        builder.HasIndex(r => new { r.HallId, r.TakenAt, r.Id });
        builder.Property(r => r.HeldBy).HasMaxLength(64);
        builder.HasIndex(r => r.PurgeAfter).HasFilter("held_by IS NULL");
    }
}
