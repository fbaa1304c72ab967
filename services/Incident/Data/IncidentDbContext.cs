using CivicHall.Incident.Cases;
using CivicHall.Incident.Containment;
using CivicHall.Incident.Policies;
using CivicHall.Incident.Reports;
using CivicHall.Incident.Tracing;
using CivicHall.Incident.Tracing.Exports;

namespace CivicHall.Incident.Data;

public sealed class IncidentDbContext(DbContextOptions<IncidentDbContext> options) : DbContext(options)
{
    /// <summary>Halls and zones as occupancy last announced them (HallConfigured).</summary>
    public DbSet<KnownHall> Halls => Set<KnownHall>();

    /// <summary>Cases (应急事件), one row each, with their current state.</summary>
    public DbSet<IncidentCase> Incidents => Set<IncidentCase>();

    /// <summary>Each case's timeline: one row per step taken.</summary>
    public DbSet<IncidentStepRecord> IncidentSteps => Set<IncidentStepRecord>();

    /// <summary>Actions on a case that are not states (unit informed, hospital notified), once each.</summary>
    public DbSet<IncidentAction> Actions => Set<IncidentAction>();

    /// <summary>Levels told of a case, once per (case, deadline, level).</summary>
    public DbSet<IncidentEscalation> Escalations => Set<IncidentEscalation>();

    /// <summary>Calls to the police (110) for refusal cases, by the client's call id.</summary>
    public DbSet<PoliceCall> PoliceCalls => Set<PoliceCall>();

    /// <summary>Versions of each hall's incident policy (deadlines, escalation interval, records hold).</summary>
    public DbSet<IncidentPolicy> Policies => Set<IncidentPolicy>();
    /// <summary>Containment actions of halls: zone closures, suspensions and resumptions of on-site service.</summary>
    public DbSet<ContainmentAction> ContainmentActions => Set<ContainmentAction>();

    /// <summary>Each containment action's participants and whether each has acknowledged it.</summary>
    public DbSet<ContainmentAcknowledgement> ContainmentAcknowledgements => Set<ContainmentAcknowledgement>();

    /// <summary>Contact tracings of cases: each run's parameters, sources missing, and its masked list (a snapshot).</summary>
    public DbSet<TracingRun> Tracings => Set<TracingRun>();

    public DbSet<ClearExport> ClearExports => Set<ClearExport>();
    /// <summary>Daily reports (日报告), one row per (hall, local date): the sources' day summaries and what was published.</summary>
    public DbSet<DailyReport> DailyReports => Set<DailyReport>();

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
            incident.Property(c => c.IsolationZoneId).HasMaxLength(64);
            // The isolation zone's places are counted under its lock: (hall, zone) of the cases held there.
            incident.HasIndex(c => new { c.HallId, c.IsolationZoneId });
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

        modelBuilder.Entity<IncidentAction>(action =>
        {
            action.ToTable("incident_actions");
            action.HasKey(a => new { a.IncidentId, a.Action });
            action.Property(a => a.Action).HasMaxLength(32);
            action.Property(a => a.By).HasMaxLength(128);
            action.Property(a => a.Details).HasJsonbConversion();
            action.Property(a => a.Fingerprint).HasMaxLength(64);
            action.HasOne<IncidentCase>().WithMany().HasForeignKey(a => a.IncidentId);
        });

        modelBuilder.Entity<IncidentEscalation>(escalation =>
        {
            escalation.ToTable("incident_escalations");
            // Each level once per (case, deadline): raised by INSERT … ON CONFLICT DO NOTHING.
            escalation.HasKey(e => new { e.IncidentId, e.Deadline, e.Level });
            escalation.Property(e => e.Deadline).HasMaxLength(32);
            escalation.Property(e => e.Level).HasMaxLength(32);
            escalation.Property(e => e.HallId).HasMaxLength(64);
            escalation.HasOne<IncidentCase>().WithMany().HasForeignKey(e => e.IncidentId);
        });

        modelBuilder.Entity<PoliceCall>(call =>
        {
            call.ToTable("incident_police_calls");
            call.HasKey(c => c.CallId);
            call.Property(c => c.CalledBy).HasMaxLength(128);
            call.Property(c => c.Answer).HasMaxLength(1000);
            call.Property(c => c.Fingerprint).HasMaxLength(64);
            call.HasIndex(c => c.IncidentId);
            call.HasOne<IncidentCase>().WithMany().HasForeignKey(c => c.IncidentId);
        });

        modelBuilder.Entity<IncidentPolicy>(policy =>
        {
            policy.ToTable("incident_policies");
            policy.HasKey(p => new { p.HallId, p.Version });
            policy.Property(p => p.HallId).HasMaxLength(64);
            policy.Property(p => p.CreatedBy).HasMaxLength(128);
            policy.HasIndex(p => new { p.HallId, p.EffectiveFrom });
            // Versions stored before tracing existed keep to its defaults.
            policy.Property(p => p.TracingDaysBefore).HasDefaultValue(IncidentPolicyDefaults.TracingDaysBefore);
            policy.Property(p => p.TracingBufferMinutes).HasDefaultValue(IncidentPolicyDefaults.TracingBufferMinutes);
            policy.Property(p => p.EntranceWindowMinutes).HasDefaultValue(IncidentPolicyDefaults.EntranceWindowMinutes);
        });

        MapContainment(modelBuilder);
        MapTracing(modelBuilder);
        MapClearExports(modelBuilder);
        MapReports(modelBuilder);
    }

    private static void MapClearExports(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ClearExport>(export =>
        {
            export.ToTable("clear_exports");
            export.HasKey(e => e.ExportId);
            export.Property(e => e.ExportId).ValueGeneratedNever();
            export.Property(e => e.HallId).HasMaxLength(64);
            export.Property(e => e.State).HasMaxLength(16).HasConversion<TextEnumConverter<ClearExportState>>();
            export.Property(e => e.Reason).HasMaxLength(200);
            export.Property(e => e.RequestedBy).HasMaxLength(128);
            export.Property(e => e.DecidedBy).HasMaxLength(128);
            export.Property(e => e.DecisionReason).HasMaxLength(200);
            export.Property(e => e.DownloadedBy).HasMaxLength(128);
            export.Property(e => e.DownloadFormat).HasMaxLength(8);
            export.HasOne<TracingRun>().WithMany().HasForeignKey(e => e.TracingId);
            // A tracing's exports and the access log, newest first (the lists and their cursor).
            export.HasIndex(e => new { e.TracingId, e.RequestedAt, e.ExportId });
            export.HasIndex(e => new { e.RequestedAt, e.ExportId });
        });
    }

    private static void MapTracing(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TracingRun>(run =>
        {
            run.ToTable("tracings");
            run.HasKey(t => t.TracingId);
            run.Property(t => t.HallId).HasMaxLength(64);
            run.Property(t => t.PersonKey).HasMaxLength(128);
            run.Property(t => t.Contacts).HasJsonbConversion();
            run.Property(t => t.CreatedBy).HasMaxLength(128);
            run.HasOne<IncidentCase>().WithMany().HasForeignKey(t => t.IncidentId);
            // A case's runs, newest first (the list and its cursor).
            run.HasIndex(t => new { t.IncidentId, t.CreatedAt, t.TracingId });
        });
    }

    private static void MapReports(ModelBuilder modelBuilder) => modelBuilder.Entity<DailyReport>(report =>
    {
        report.ToTable("daily_reports");
        report.HasKey(r => new { r.HallId, r.LocalDate });
        report.Property(r => r.HallId).HasMaxLength(64);
        report.Property(r => r.TimeZone).HasMaxLength(64);
        report.Property(r => r.Screening!).HasJsonbConversion();
        report.Property(r => r.Occupancy!).HasJsonbConversion();
        report.Property(r => r.Booking!).HasJsonbConversion();
        report.Property(r => r.Sanitation!).HasJsonbConversion();
        report.Property(r => r.Incidents!).HasJsonbConversion();
        report.Property(r => r.MissingSources).HasJsonbConversion();
        report.Property(r => r.ChangedSections).HasJsonbConversion();
        report.Ignore(r => r.SourcesIn);
        report.Ignore(r => r.SourcesMissing);
        report.Ignore(r => r.Figures);
        report.Ignore(r => r.IsPublished);
        // The city-wide view reads one date's reports; the sweep looks for pending ones.
        report.HasIndex(r => r.LocalDate, "ix_daily_reports_date");
        report.HasIndex(r => r.LocalDate, "ix_daily_reports_pending").HasFilter("revision = 0").HasDatabaseName("ix_daily_reports_pending");
    });

    private static void MapContainment(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ContainmentAction>(action =>
        {
            action.ToTable("containment_actions");
            action.HasKey(a => a.ContainmentId);
            action.Property(a => a.HallId).HasMaxLength(64);
            action.Property(a => a.Kind).HasMaxLength(16).HasConversion<TextEnumConverter<ContainmentKind>>();
            action.Property(a => a.State).HasMaxLength(16).HasConversion<TextEnumConverter<ContainmentState>>();
            action.Property(a => a.ZoneId).HasMaxLength(64);
            action.Property(a => a.Reason).HasMaxLength(1000);
            action.Property(a => a.RequestedBy).HasMaxLength(128);
            action.Property(a => a.ApprovedBy).HasMaxLength(128);
            action.Property(a => a.GovernmentConsentRef).HasMaxLength(200);
            action.Property(a => a.ApprovalNotes).HasMaxLength(1000);
            action.Property(a => a.WithdrawnBy).HasMaxLength(128);
            action.Property(a => a.OverrideReason).HasMaxLength(1000);
            action.Property(a => a.ReopenedBy).HasMaxLength(16);
            action.Property(a => a.Fingerprint).HasMaxLength(64);
            // One open closure per zone and one suspension requested or in force per hall (the writes check first, under the hall's lock).
            action.HasIndex(a => new { a.HallId, a.ZoneId }).IsUnique().HasFilter("kind = 'zone_closure' AND state = 'ordered'").HasDatabaseName("ux_containment_actions_open_closure");
            action.HasIndex(a => a.HallId).IsUnique().HasFilter("kind = 'suspension' AND state IN ('requested', 'approved')").HasDatabaseName("ux_containment_actions_open_suspension");
            action.HasIndex(a => new { a.HallId, a.RequestedAt, a.ContainmentId });
        });

        modelBuilder.Entity<ContainmentAcknowledgement>(ack =>
        {
            ack.ToTable("containment_acknowledgements");
            ack.HasKey(a => new { a.ContainmentId, a.Participant });
            ack.Property(a => a.Participant).HasMaxLength(16);
            ack.HasOne<ContainmentAction>().WithMany().HasForeignKey(a => a.ContainmentId);
            // The sweep's look for late ones.
            ack.HasIndex(a => a.ExpectedSince).HasFilter("acknowledged_at IS NULL AND overdue_at IS NULL");
        });
    }
}
