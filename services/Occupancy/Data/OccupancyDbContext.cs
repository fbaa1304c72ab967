using CivicHall.Occupancy.Containment;
using CivicHall.Occupancy.Halls;
using CivicHall.Occupancy.Policies;

namespace CivicHall.Occupancy.Data;

public sealed class OccupancyDbContext(DbContextOptions<OccupancyDbContext> options) : DbContext(options)
{
    public DbSet<Hall> Halls => Set<Hall>();

    public DbSet<OccupancyPolicy> Policies => Set<OccupancyPolicy>();

    public DbSet<HallOccupancy> HallOccupancies => Set<HallOccupancy>();

    public DbSet<OccupancyZone> Zones => Set<OccupancyZone>();

    public DbSet<Admission> Admissions => Set<Admission>();

    public DbSet<ZonePresence> ZonePresences => Set<ZonePresence>();

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
        modelBuilder.Entity<OccupancyPolicy>(policy =>
        {
            policy.ToTable("occupancy_policies");
            policy.HasKey(p => new { p.HallId, p.Version });
            policy.Property(p => p.HallId).HasMaxLength(64);
            policy.Property(p => p.DensityPer100M2).HasPrecision(6, 2);
            policy.Property(p => p.ZoneCaps).HasJsonbConversion();
            policy.Property(p => p.AlertLevels).HasJsonbConversion();
            policy.Property(p => p.CreatedBy).HasMaxLength(128);
            policy.HasIndex(p => new { p.HallId, p.EffectiveFrom });
        });

        modelBuilder.Entity<HallOccupancy>(hall =>
        {
            hall.ToTable("hall_occupancy", table =>
            {
                table.HasCheckConstraint("ck_hall_occupancy_counts", "inside >= 0 AND queue_length >= 0 AND staff_present >= 0 AND received_today >= 0");
            });
            hall.HasKey(h => h.HallId);
            hall.Property(h => h.HallId).HasMaxLength(64);
            hall.Property(h => h.TimeZone).HasMaxLength(64);
            hall.Property(h => h.OnSiteState).HasMaxLength(32);
            hall.Property(h => h.AlertLevels).HasColumnType("integer[]");
        });

        modelBuilder.Entity<OccupancyZone>(zone =>
        {
            zone.ToTable("occupancy_zones", table =>
            {
                table.HasCheckConstraint("ck_occupancy_zones_count", "count >= 0 AND capacity >= 0 AND planned_capacity >= 0");
            });
            zone.HasKey(z => new { z.HallId, z.ZoneId });
            zone.Property(z => z.HallId).HasMaxLength(64);
            zone.Property(z => z.ZoneId).HasMaxLength(64);
            zone.Property(z => z.Kind).HasMaxLength(32);
            zone.Property(z => z.Name).HasMaxLength(200);
            zone.Property(z => z.State).HasMaxLength(16).HasConversion<EnumNameConverter<ZoneState>>();
            zone.Property(z => z.ClosedReason).HasMaxLength(500);
            zone.Property(z => z.ClosedByIncident).HasMaxLength(64);
        });

        modelBuilder.Entity<Admission>(admission =>
        {
            admission.ToTable("admissions");
            admission.HasKey(a => a.Id);
            admission.Property(a => a.HallId).HasMaxLength(64);
            admission.Property(a => a.PersonKey).HasMaxLength(64);
            admission.Property(a => a.PersonKind).HasMaxLength(16);
            admission.Property(a => a.PriorityGroup).HasMaxLength(16);
            admission.Property(a => a.State).HasMaxLength(16).HasConversion<EnumNameConverter<AdmissionState>>();
            admission.Property(a => a.Reason).HasMaxLength(64);
            admission.Property(a => a.ZoneId).HasMaxLength(64);
            admission.Property(a => a.Lane).HasMaxLength(64);
            admission.Property(a => a.ExitGate).HasMaxLength(64);
            admission.Property(a => a.HeldBy).HasMaxLength(64);

            // One visit at a time: a person is queued or inside a hall at most once.
            admission.HasIndex(a => new { a.HallId, a.PersonKey }).IsUnique().HasFilter("state IN ('queued', 'inside')");
            admission.HasIndex(a => new { a.HallId, a.QueueRank, a.QueuedSeq }).HasFilter("state = 'queued'");
            admission.HasIndex(a => new { a.HallId, a.ExitedAt }).HasFilter("exited_at IS NOT NULL");
            admission.HasIndex(a => a.ExitId).IsUnique().HasFilter("exit_id IS NOT NULL");
            admission.HasIndex(a => a.PurgeAfter).HasFilter("held_by IS NULL");
        });

        modelBuilder.Entity<ZonePresence>(presence =>
        {
            presence.ToTable("zone_presences");
            presence.HasKey(p => p.Id);
            presence.Property(p => p.Id).UseIdentityAlwaysColumn();
            presence.Property(p => p.HallId).HasMaxLength(64);
            presence.Property(p => p.ZoneId).HasMaxLength(64);
            presence.Property(p => p.PersonKey).HasMaxLength(64);
            presence.HasIndex(p => new { p.HallId, p.ZoneId, p.EnteredAt });
            presence.HasIndex(p => p.AdmissionId).HasFilter("left_at IS NULL");
            presence.HasIndex(p => p.PurgeAfter);
        });

        modelBuilder.Entity<ZoneAuditEntry>(entry =>
        {
            entry.ToTable("zone_audit");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).UseIdentityAlwaysColumn();
            entry.Property(e => e.HallId).HasMaxLength(64);
            entry.Property(e => e.ZoneId).HasMaxLength(64);
            entry.Property(e => e.Action).HasMaxLength(32);
            entry.Property(e => e.By).HasMaxLength(128);
            entry.Property(e => e.Reason).HasMaxLength(500);
            entry.HasIndex(e => new { e.HallId, e.ZoneId, e.At });
        });

        modelBuilder.MapOutboxAndInbox();
    }
}
