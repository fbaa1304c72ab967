using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Screening.Holds;

/// <summary>How <see cref="RecordHoldClosure"/> is stored.</summary>
public sealed class RecordHoldClosureConfiguration : IEntityTypeConfiguration<RecordHoldClosure>
{
    public void Configure(EntityTypeBuilder<RecordHoldClosure> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("record_hold_closures");
        builder.HasKey(c => c.IncidentId);
        builder.Property(c => c.IncidentId).ValueGeneratedNever();
        builder.Property(c => c.HallId).HasMaxLength(64);
    }
}
