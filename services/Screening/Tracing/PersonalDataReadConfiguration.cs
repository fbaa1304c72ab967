using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Screening.Tracing;

/// <summary>How <see cref="PersonalDataRead"/> is stored.</summary>
public sealed class PersonalDataReadConfiguration : IEntityTypeConfiguration<PersonalDataRead>
{
    public void Configure(EntityTypeBuilder<PersonalDataRead> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("personal_data_reads");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.HallId).HasMaxLength(64);
        builder.Property(r => r.PersonKey).HasMaxLength(64);
        builder.Property(r => r.ReadBy).HasMaxLength(128);
        builder.Property(r => r.Roles).HasMaxLength(128);
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.Property(r => r.ListId).HasMaxLength(64);
        builder.Property(r => r.RequestedBy).HasMaxLength(128);
        builder.Property(r => r.ApprovedBy).HasMaxLength(128);
        builder.HasIndex(r => r.PersonKey);
        builder.HasIndex(r => r.ListId);
    }
}
