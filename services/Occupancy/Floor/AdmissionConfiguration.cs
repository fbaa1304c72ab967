using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Occupancy.Floor;

/// <summary>How <see cref="Admission"/> is stored (applied by <see cref="OccupancyDbContext"/> with the assembly's other configurations).</summary>
public sealed class AdmissionConfiguration : IEntityTypeConfiguration<Admission>
{
    public void Configure(EntityTypeBuilder<Admission> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("admissions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.HallId).HasMaxLength(64);
        builder.Property(a => a.PersonKey).HasMaxLength(64);
        builder.Property(a => a.PersonKind).HasMaxLength(16);
        builder.Property(a => a.PriorityGroup).HasMaxLength(16);
        builder.Property(a => a.State).HasMaxLength(16).HasConversion<TextEnumConverter<AdmissionState>>();
        builder.Property(a => a.Reason).HasMaxLength(64);
        builder.Property(a => a.ZoneId).HasMaxLength(64);
        builder.Property(a => a.Lane).HasMaxLength(64);
        builder.Property(a => a.ExitGate).HasMaxLength(64);
        builder.Property(a => a.HeldBy).HasMaxLength(64);

        // One visit at a time: a person is queued or inside a hall at most once.
        builder.HasIndex(a => new { a.HallId, a.PersonKey }).IsUnique().HasFilter("state IN ('queued', 'inside')");
        builder.HasIndex(a => new { a.HallId, a.QueueRank, a.QueuedSeq }).HasFilter("state = 'queued'");
        builder.HasIndex(a => new { a.HallId, a.ExitedAt }).HasFilter("exited_at IS NOT NULL");
        builder.HasIndex(a => a.ExitId).IsUnique().HasFilter("exit_id IS NOT NULL");
        builder.HasIndex(a => a.PurgeAfter).HasFilter("held_by IS NULL");
        // The day close's counts and peaks (and recounts) of a hall-day, and the admissions ledger's pages in its
        // (arrived_at, id) order (Ledgers/AdmissionLedgerStore).
        builder.HasIndex(a => new { a.HallId, a.ArrivedAt, a.Id });
    }
}
