using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Screening.Holds;

/// <summary>How <see cref="RecordHold"/> is stored: one row per case and person held.</summary>
public sealed class RecordHoldConfiguration : IEntityTypeConfiguration<RecordHold>
{
    public void Configure(EntityTypeBuilder<RecordHold> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("record_holds");
        builder.HasKey(h => new { h.IncidentId, h.PersonKey });
        builder.Property(h => h.IncidentId).ValueGeneratedNever();
        builder.Property(h => h.HallId).HasMaxLength(64);
        builder.Property(h => h.PersonKey).HasMaxLength(64);
        builder.HasIndex(h => new { h.HallId, h.PersonKey });
    }
}
