using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicHall.Screening.Visits;

/// <summary>How <see cref="VisitorBooking"/> is stored (applied by <see cref="ScreeningDbContext"/> with the assembly's other configurations).</summary>
public sealed class VisitorBookingConfiguration : IEntityTypeConfiguration<VisitorBooking>
{
    public void Configure(EntityTypeBuilder<VisitorBooking> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("visitor_bookings");
        builder.HasKey(b => b.BookingId);
        builder.Property(b => b.HallId).HasMaxLength(64);
        builder.Property(b => b.PersonKey).HasMaxLength(64);
        builder.HasIndex(b => new { b.HallId, b.PersonKey, b.SlotStartsAt });
    }
}
