using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Occupancy.Floor;

/// <summary>How <see cref="ZonePresence"/> is stored (applied by <see cref="OccupancyDbContext"/> with the assembly's other configurations).</summary>
public sealed class ZonePresenceConfiguration : IEntityTypeConfiguration<ZonePresence>
{
    public void Configure(EntityTypeBuilder<ZonePresence> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("zone_presences");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.HallId).HasMaxLength(64);
        builder.Property(p => p.ZoneId).HasMaxLength(64);
        builder.Property(p => p.PersonKey).HasMaxLength(64);
        builder.HasIndex(p => new { p.HallId, p.ZoneId, p.EnteredAt });
        builder.HasIndex(p => p.AdmissionId).HasFilter("left_at IS NULL");
        builder.HasIndex(p => p.PurgeAfter);
        // The admissions ledger: a visit's stays in the order entered, and its zone filter (Ledgers/AdmissionLedgerStore).
        builder.HasIndex(p => new { p.AdmissionId, p.EnteredAt });
        // Contact tracing: a person's stays in a hall in a window (Tracing/TracingStore).
        builder.HasIndex(p => new { p.HallId, p.PersonKey, p.EnteredAt });
    }
}
