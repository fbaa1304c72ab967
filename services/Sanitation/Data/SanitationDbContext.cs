using CivicHall.Sanitation.Compliance;
using CivicHall.Sanitation.Meetings;
using CivicHall.Sanitation.Occupation;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Supplies;
using CivicHall.Sanitation.Tasks;
using CivicHall.Sanitation.Waste;

namespace CivicHall.Sanitation.Data;

public sealed class SanitationDbContext(DbContextOptions<SanitationDbContext> options) : DbContext(options)
{
    /// <summary>Halls and zones as occupancy last announced them (HallConfigured).</summary>
    public DbSet<KnownHall> Halls => Set<KnownHall>();

    public DbSet<SanitationPlan> Plans => Set<SanitationPlan>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<SanitationTask> Tasks => Set<SanitationTask>();

    public DbSet<SanitationRecord> Records => Set<SanitationRecord>();

    public DbSet<HallEscalation> Escalations => Set<HallEscalation>();

    public DbSet<GeneratedDay> GeneratedDays => Set<GeneratedDay>();

    /// <summary>Zones as occupancy last announced them (OccupancyChanged).</summary>
    public DbSet<ZoneOccupancyState> ZoneOccupancies => Set<ZoneOccupancyState>();

    public DbSet<ZoneOccupation> ZoneOccupations => Set<ZoneOccupation>();

    public DbSet<VisitorBaseline> VisitorBaselines => Set<VisitorBaseline>();

    public DbSet<SupplyItem> SupplyItems => Set<SupplyItem>();

    public DbSet<SupplyMovement> SupplyMovements => Set<SupplyMovement>();

    public DbSet<ClosedDay> ClosedDays => Set<ClosedDay>();
    /// <summary>Staff admitted at the entrance per hall-day (screening's <c>PersonAdmitted</c>), for the daily masks.</summary>
    public DbSet<StaffOnDuty> StaffOnDuty => Set<StaffOnDuty>();
    public DbSet<WasteBag> WasteBags => Set<WasteBag>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.MapHallDirectory();
        modelBuilder.MapOutboxAndInbox();

        modelBuilder.Entity<SanitationPlan>(plan =>
        {
            plan.ToTable("sanitation_plans");
            plan.HasKey(p => new { p.HallId, p.Version });
            plan.Property(p => p.HallId).HasMaxLength(64);
            plan.Property(p => p.Rules).HasJsonbConversion();
            plan.Property(p => p.WasteBagStrength).HasJsonbConversion();
            plan.Property(p => p.CreatedBy).HasMaxLength(128);
            // Versions stored before these options take their defaults; the sentinels make EF send every value a plan sets.
            plan.Property(p => p.SuppliesLowCooldownMinutes).HasDefaultValue(SanitationPlanDefaults.SuppliesLowCooldownMinutes).HasSentinel(-1);
            plan.Property(p => p.DailyMaskPerStaff).HasDefaultValue(true).HasSentinel(true);
            plan.Property(p => p.MaskItemId).HasMaxLength(64).HasDefaultValue(SanitationPlanDefaults.MaskItemId);
            plan.HasIndex(p => new { p.HallId, p.EffectiveFrom });
        });

        modelBuilder.Entity<Meeting>(meeting =>
        {
            meeting.ToTable("meetings");
            meeting.HasKey(m => new { m.HallId, m.MeetingId });
            meeting.Property(m => m.HallId).HasMaxLength(64);
            meeting.Property(m => m.MeetingId).HasMaxLength(64);
            meeting.Property(m => m.ZoneId).HasMaxLength(64);
            meeting.Property(m => m.Title).HasMaxLength(200);
            meeting.Property(m => m.Status).HasMaxLength(16)
                .HasConversion<TextEnumConverter<MeetingStatus>>();
            meeting.Property(m => m.CreatedBy).HasMaxLength(128);
            meeting.Property(m => m.UpdatedBy).HasMaxLength(128);
            meeting.HasIndex(m => new { m.HallId, m.StartsAt });
        });

        modelBuilder.Entity<SanitationTask>(task =>
        {
            task.ToTable("sanitation_tasks");
            task.HasKey(t => t.Id);
            task.Property(t => t.HallId).HasMaxLength(64);
            task.Property(t => t.ZoneId).HasMaxLength(64);
            task.Property(t => t.RuleId).HasMaxLength(64);
            task.Property(t => t.MeetingId).HasMaxLength(64);
            task.Property(t => t.ZoneKind).HasMaxLength(32);
            task.Property(t => t.RuleKind).HasMaxLength(32);
            task.Property(t => t.Method).HasMaxLength(32);
            task.Property(t => t.Agent).HasMaxLength(32);
            task.Ignore(t => t.Strength);
            task.Property(t => t.StrengthMin).HasPrecision(9, 2);
            task.Property(t => t.StrengthMax).HasPrecision(9, 2);
            task.Property(t => t.StrengthUnit).HasMaxLength(8);
            task.Property(t => t.Target).HasMaxLength(64);
            task.Property(t => t.State).HasMaxLength(16)
                .HasConversion<TextEnumConverter<TaskState>>();
            task.Property(t => t.SkipReason).HasMaxLength(32);
            task.Property(t => t.RecordedBy).HasMaxLength(128);
            task.Property(t => t.Source).HasMaxLength(32);
            task.Property(t => t.SourceId).HasMaxLength(64);
            task.Property(t => t.Reason).HasMaxLength(500);
            task.Property(t => t.ConfirmedBy).HasMaxLength(128);
            // A task's identity: generating the day again finds it rather than adding a duplicate.
            task.HasIndex(t => new { t.HallId, t.LocalDate, t.ZoneId, t.RuleId, t.MeetingId, t.Occurrence }).IsUnique();
            // The board: a hall-day's tasks in window order, page by page.
            task.HasIndex(t => new { t.HallId, t.LocalDate, t.WindowStart, t.Id });
            // The overdue sweep: open tasks by the end of their window.
            task.HasIndex(t => new { t.State, t.WindowEnd }).HasFilter("state IN ('due', 'missed')");
        });

        modelBuilder.Entity<HallEscalation>(escalation =>
        {
            escalation.ToTable("sanitation_escalations");
            escalation.HasKey(e => e.HallId);
            escalation.Property(e => e.HallId).HasMaxLength(64);
        });

        modelBuilder.Entity<GeneratedDay>(day =>
        {
            day.ToTable("sanitation_generated_days");
            day.HasKey(d => new { d.HallId, d.LocalDate });
            day.Property(d => d.HallId).HasMaxLength(64);
            day.Property(d => d.Fingerprint).HasMaxLength(64);
        });

        modelBuilder.Entity<ZoneOccupancyState>(zone =>
        {
            zone.ToTable("sanitation_zone_occupancy");
            zone.HasKey(z => new { z.HallId, z.ZoneId });
            zone.Property(z => z.HallId).HasMaxLength(64);
            zone.Property(z => z.ZoneId).HasMaxLength(64);
            zone.Property(z => z.ZoneKind).HasMaxLength(32);
        });

        modelBuilder.Entity<ZoneOccupation>(occupation =>
        {
            occupation.ToTable("sanitation_zone_occupations");
            occupation.HasKey(o => o.Id);
            occupation.Property(o => o.HallId).HasMaxLength(64);
            occupation.Property(o => o.ZoneId).HasMaxLength(64);
            occupation.Property(o => o.From).HasColumnName("occupied_from");
            occupation.Property(o => o.Until).HasColumnName("occupied_until");
            // The sweep: a zone's stretches by their start; at most one open stretch per zone.
            occupation.HasIndex(o => new { o.HallId, o.ZoneId, o.From });
            occupation.HasIndex(o => new { o.HallId, o.ZoneId }).IsUnique().HasFilter("occupied_until IS NULL");
        });

        modelBuilder.Entity<VisitorBaseline>(baseline =>
        {
            baseline.ToTable("sanitation_visitor_baselines");
            baseline.HasKey(b => new { b.HallId, b.ZoneId, b.RuleId });
            baseline.Property(b => b.HallId).HasMaxLength(64);
            baseline.Property(b => b.ZoneId).HasMaxLength(64);
            baseline.Property(b => b.RuleId).HasMaxLength(64);
        });

        modelBuilder.Entity<SupplyItem>(item =>
        {
            item.ToTable("supply_items", t => t.HasCheckConstraint("ck_supply_items_stock", "stock >= 0"));
            item.HasKey(i => new { i.HallId, i.ItemId });
            item.Property(i => i.HallId).HasMaxLength(64);
            item.Property(i => i.ItemId).HasMaxLength(64);
            item.Property(i => i.Name).HasMaxLength(100);
            item.Property(i => i.Unit).HasMaxLength(16);
            item.Property(i => i.UpdatedBy).HasMaxLength(128);
            item.Property(i => i.LowAlertArmed).HasDefaultValue(true).HasSentinel(true);
        });

        modelBuilder.Entity<StaffOnDuty>(duty =>
        {
            duty.ToTable("sanitation_staff_on_duty");
            duty.HasKey(d => new { d.HallId, d.LocalDate, d.StaffId });
            duty.Property(d => d.HallId).HasMaxLength(64);
            duty.Property(d => d.StaffId).HasMaxLength(64);
        });

        modelBuilder.Entity<SupplyMovement>(movement =>
        {
            movement.ToTable("supply_movements");
            movement.HasKey(m => m.MovementId);
            movement.Property(m => m.HallId).HasMaxLength(64);
            movement.Property(m => m.ItemId).HasMaxLength(64);
            movement.Property(m => m.Kind).HasMaxLength(16)
                .HasConversion<TextEnumConverter<SupplyMovementKind>>();
            movement.Property(m => m.StaffId).HasMaxLength(64);
            movement.Property(m => m.Supplier).HasMaxLength(200);
            movement.Property(m => m.Batch).HasMaxLength(100);
            movement.Property(m => m.RecordedBy).HasMaxLength(128);
            movement.Property(m => m.Fingerprint).HasMaxLength(64);
            // The ledger of an item in time order; days of cover and daily masks by local date.
            movement.HasIndex(m => new { m.HallId, m.ItemId, m.At, m.MovementId });
            movement.HasIndex(m => new { m.HallId, m.LocalDate, m.Kind });
        });

        modelBuilder.Entity<ClosedDay>(day =>
        {
            day.ToTable("sanitation_closed_days");
            day.HasKey(d => new { d.HallId, d.LocalDate });
            day.Property(d => d.HallId).HasMaxLength(64);
            day.Property(d => d.Figures).HasJsonbConversion();
        });

        modelBuilder.Entity<WasteBag>(bag =>
        {
            bag.ToTable("waste_bags");
            bag.HasKey(b => new { b.HallId, b.BagId });
            bag.Property(b => b.HallId).HasMaxLength(64);
            bag.Property(b => b.BagId).HasMaxLength(64);
            bag.Property(b => b.ZoneId).HasMaxLength(64);
            bag.Property(b => b.Notes).HasMaxLength(1000);
            bag.Property(b => b.State).HasMaxLength(16)
                .HasConversion<TextEnumConverter<WasteBagState>>();
            bag.Property(b => b.BaggedBy).HasMaxLength(128);
            bag.Property(b => b.Fingerprint).HasMaxLength(64);
            bag.Property(b => b.SealedBy).HasMaxLength(128);
            bag.Property(b => b.SealNotes).HasMaxLength(1000);
            bag.Property(b => b.SealFingerprint).HasMaxLength(64);
            bag.Property(b => b.DisinfectedBy).HasMaxLength(128);
            bag.Property(b => b.Agent).HasMaxLength(32);
            bag.Property(b => b.Strength).HasPrecision(9, 2);
            bag.Property(b => b.StrengthUnit).HasMaxLength(8);
            bag.Property(b => b.DisinfectionNotes).HasMaxLength(1000);
            bag.Property(b => b.DisinfectionFingerprint).HasMaxLength(64);
            bag.Property(b => b.HandedOverBy).HasMaxLength(128);
            bag.Property(b => b.CollectorCompany).HasMaxLength(200);
            bag.Property(b => b.CollectorName).HasMaxLength(100);
            bag.Property(b => b.HandoverNumber).HasMaxLength(64);
            bag.Property(b => b.HandoverNotes).HasMaxLength(1000);
            bag.Property(b => b.HandoverFingerprint).HasMaxLength(64);
            bag.Ignore(b => b.IsOpen);
            // The list: a hall's bags newest first, page by page; the open ones for the daily compliance.
            bag.HasIndex(b => new { b.HallId, b.BaggedAt, b.BagId });
            bag.HasIndex(b => b.HallId).HasFilter("state <> 'handed_over'").HasDatabaseName("ix_waste_bags_open");
            bag.HasIndex(b => b.IncidentId).HasFilter("incident_id IS NOT NULL");
        });

        modelBuilder.Entity<SanitationRecord>(record =>
        {
            record.ToTable("sanitation_records");
            record.HasKey(r => r.RecordId);
            record.Property(r => r.HallId).HasMaxLength(64);
            record.Property(r => r.ZoneId).HasMaxLength(64);
            record.Property(r => r.Method).HasMaxLength(32);
            record.Property(r => r.Agent).HasMaxLength(32);
            record.Property(r => r.Strength).HasPrecision(9, 2);
            record.Property(r => r.StrengthUnit).HasMaxLength(8);
            record.Property(r => r.RecordedBy).HasMaxLength(128);
            record.Property(r => r.Evidence).HasMaxLength(500);
            record.Property(r => r.Notes).HasMaxLength(1000);
            record.Property(r => r.Fingerprint).HasMaxLength(64);
            record.Property(r => r.Outcome).HasMaxLength(16);
            // The list: a hall-day's records in start order, page by page.
            record.HasIndex(r => new { r.HallId, r.LocalDate, r.StartedAt, r.RecordId });
            record.HasIndex(r => r.TaskId);
        });
    }
}
