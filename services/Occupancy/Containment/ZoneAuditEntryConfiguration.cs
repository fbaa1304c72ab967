using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Occupancy.Containment;

/// <summary>How <see cref="ZoneAuditEntry"/> is stored (applied by <see cref="OccupancyDbContext"/> with the assembly's other configurations).</summary>
public sealed class ZoneAuditEntryConfiguration : IEntityTypeConfiguration<ZoneAuditEntry>
{
    public void Configure(EntityTypeBuilder<ZoneAuditEntry> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("zone_audit");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.HallId).HasMaxLength(64);
        builder.Property(e => e.ZoneId).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.By).HasMaxLength(128);
        builder.Property(e => e.Reason).HasMaxLength(500);
        builder.HasIndex(e => new { e.HallId, e.ZoneId, e.At });
    }
}
