namespace CivicHall.Screening.Visits;

/// <summary>
/// A booking as screening knows it, from booking's events (a local projection, so a reading never waits
/// on booking): whose it is (person key), its slot window, and whether it still lets its visitor in.
/// </summary>
public sealed class VisitorBooking
{
    public Guid BookingId { get; init; }

    public required string HallId { get; init; }

    public required string PersonKey { get; init; }

    public DateTimeOffset SlotStartsAt { get; init; }

    public DateTimeOffset SlotEndsAt { get; init; }

    public bool GreenChannel { get; init; }

    /// <summary>Confirmed or checked in; false once cancelled, marked a no-show or served.</summary>
    public bool Active { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
