using CivicHall.Incident.Cases;

namespace CivicHall.Incident.Data;

public sealed class IncidentDbContext(DbContextOptions<IncidentDbContext> options) : DbContext(options)
{
    /// <summary>Halls and zones as occupancy last announced them (HallConfigured).</summary>
    public DbSet<KnownHall> Halls => Set<KnownHall>();

    /// <summary>Cases (应急事件), one row each, with their current state.</summary>
    public DbSet<IncidentCase> Incidents => Set<IncidentCase>();

    /// <summary>Each case's timeline: one row per step taken.</summary>
    public DbSet<IncidentStepRecord> IncidentSteps => Set<IncidentStepRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapHallDirectory();
        modelBuilder.MapOutboxAndInbox();

        modelBuilder.Entity<IncidentCase>(incident =>
        {
            incident.ToTable("incident_cases");
            incident.HasKey(c => c.IncidentId);
            incident.Property(c => c.HallId).HasMaxLength(64);
            incident.Property(c => c.Kind).HasMaxLength(32)
                .HasConversion<TextEnumConverter<IncidentKind>>();
            incident.Property(c => c.State).HasMaxLength(16)
                .HasConversion<TextEnumConverter<IncidentState>>();
            incident.Property(c => c.PersonKey).HasMaxLength(128);
            incident.Property(c => c.PersonKind).HasMaxLength(32);
            incident.Property(c => c.ZoneId).HasMaxLength(64);
            incident.Property(c => c.Summary).HasMaxLength(1000);
            incident.Property(c => c.OpenedBy).HasMaxLength(128);
            incident.Property(c => c.Fingerprint).HasMaxLength(64);
            // One case per reading: the automatic opening inserts ON CONFLICT (screening_id) DO NOTHING.
            incident.HasIndex(c => c.ScreeningId).IsUnique();
            incident.HasIndex(c => new { c.HallId, c.OpenedAt, c.IncidentId });
        });

        modelBuilder.Entity<IncidentStepRecord>(step =>
        {
            step.ToTable("incident_steps");
            step.HasKey(s => new { s.IncidentId, s.Step });
            step.Property(s => s.Step).HasMaxLength(16)
                .HasConversion<TextEnumConverter<IncidentState>>();
            step.Property(s => s.By).HasMaxLength(128);
            step.Property(s => s.Details).HasJsonbConversion();
            step.Property(s => s.Fingerprint).HasMaxLength(64);
            step.HasOne<IncidentCase>().WithMany().HasForeignKey(s => s.IncidentId);
        });
    }
}
