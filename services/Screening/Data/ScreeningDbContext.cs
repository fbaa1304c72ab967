using CivicHall.Screening.Policies;
using CivicHall.Screening.Screenings;
using CivicHall.Screening.Staff;
using CivicHall.Screening.Visits;

namespace CivicHall.Screening.Data;

public sealed class ScreeningDbContext(DbContextOptions<ScreeningDbContext> options) : DbContext(options)
{
    /// <summary>Halls and zones as occupancy last announced them (HallConfigured).</summary>
    public DbSet<KnownHall> Halls => Set<KnownHall>();

    public DbSet<ScreeningPolicy> Policies => Set<ScreeningPolicy>();

    public DbSet<ScreeningRecord> Screenings => Set<ScreeningRecord>();

    public DbSet<StaffHealthFile> StaffHealthFiles => Set<StaffHealthFile>();

    /// <summary>Bookings as booking announced them, to check a visitor's window.</summary>
    public DbSet<VisitorBooking> VisitorBookings => Set<VisitorBooking>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapHallDirectory();
        modelBuilder.MapOutboxAndInbox();

        modelBuilder.Entity<ScreeningPolicy>(policy =>
        {
            policy.ToTable("screening_policies");
            policy.HasKey(p => new { p.HallId, p.Version });
            policy.Property(p => p.HallId).HasMaxLength(64);
            policy.Property(p => p.Kinds).HasJsonbConversion();
            policy.Property(p => p.RetestAtC).HasPrecision(4, 1);
            policy.Property(p => p.IsolateAboveC).HasPrecision(4, 1);
            policy.Property(p => p.MaskRule).HasMaxLength(16);
            policy.Property(p => p.CreatedBy).HasMaxLength(128);
            policy.HasIndex(p => new { p.HallId, p.EffectiveFrom });
        });

        modelBuilder.Entity<ScreeningRecord>(record =>
        {
            record.ToTable("screening_records");
            record.HasKey(r => r.Id);
            record.Property(r => r.HallId).HasMaxLength(64);
            record.Property(r => r.PersonKind).HasMaxLength(16);
            record.Property(r => r.PersonKey).HasMaxLength(64);
            record.Property(r => r.IdNumberEncrypted).HasMaxLength(256);
            record.Property(r => r.IdNumberMasked).HasMaxLength(32);
            record.Property(r => r.NameEncrypted).HasMaxLength(512);
            record.Property(r => r.NameMasked).HasMaxLength(64);
            record.Property(r => r.AddressEncrypted).HasMaxLength(1024);
            record.Property(r => r.PhoneEncrypted).HasMaxLength(256);
            record.Property(r => r.Lane).HasMaxLength(64);
            record.Property(r => r.DeviceId).HasMaxLength(64);
            record.Property(r => r.RecordedBy).HasMaxLength(128);
            record.Property(r => r.HealthCode).HasMaxLength(16);
            record.Property(r => r.TestResult).HasMaxLength(16);
            record.Property(r => r.AntigenResult).HasMaxLength(16);
            record.Property(r => r.TemperatureC).HasPrecision(4, 1);
            record.Property(r => r.Outcome).HasMaxLength(16);
            record.Property(r => r.Symptoms).HasJsonbConversion();
            record.Property(r => r.Findings).HasJsonbConversion();
            record.Property(r => r.Measures).HasJsonbConversion();
            record.HasIndex(r => new { r.HallId, r.PersonKey, r.TakenAt });
            record.Property(r => r.HeldBy).HasMaxLength(64);
            record.HasIndex(r => r.PurgeAfter).HasFilter("held_by IS NULL");
        });

        modelBuilder.Entity<StaffHealthFile>(file =>
        {
            file.ToTable("staff_health_files");
            file.HasKey(f => f.StaffId);
            file.Property(f => f.StaffId).HasMaxLength(64);
            file.Property(f => f.HallId).HasMaxLength(64);
            file.Property(f => f.PersonKey).HasMaxLength(64);
            file.Property(f => f.IdNumberEncrypted).HasMaxLength(256);
            file.Property(f => f.IdNumberMasked).HasMaxLength(32);
            file.Property(f => f.NameEncrypted).HasMaxLength(512);
            file.Property(f => f.NameMasked).HasMaxLength(64);
            file.Property(f => f.UpdatedBy).HasMaxLength(128);
            file.Property(f => f.VaccinationExemptionReasonEncrypted).HasMaxLength(2048);
            file.Property(f => f.VaccinationExemptedBy).HasMaxLength(128);
            file.Property(f => f.Tests).HasJsonbConversion();
            file.Property(f => f.Symptoms).HasJsonbConversion();
            file.Property(f => f.Revision).IsConcurrencyToken();
            file.HasIndex(f => f.PersonKey);
        });

        modelBuilder.Entity<VisitorBooking>(booking =>
        {
            booking.ToTable("visitor_bookings");
            booking.HasKey(b => b.BookingId);
            booking.Property(b => b.HallId).HasMaxLength(64);
            booking.Property(b => b.PersonKey).HasMaxLength(64);
            booking.HasIndex(b => new { b.HallId, b.PersonKey, b.SlotStartsAt });
        });
    }
}
