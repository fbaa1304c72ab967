namespace CivicHall.Booking.Bookings;

/// <summary>
/// A record that someone read a person's data in clear (DESIGN §6: record who read personal data):
/// who, in which roles, why (and for a clear export: which list, requested and approved by whom), and whose data — by booking and person key, never the data itself.
/// </summary>
public sealed class PersonalDataRead
{
    public Guid Id { get; init; }

    public Guid BookingId { get; init; }

    public required string PersonKey { get; init; }

    public required string ReadBy { get; init; }

    public required string Roles { get; init; }

    public required string Reason { get; init; }

    /// <summary>The tracing list an approved clear export read the person for; null for a read at the counter.</summary>
    public string? ListId { get; init; }

    /// <summary>Who requested the clear export (with <see cref="ListId"/>).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>Who approved the clear export (with <see cref="ListId"/>).</summary>
    public string? ApprovedBy { get; init; }

    public DateTimeOffset ReadAt { get; init; }
}
