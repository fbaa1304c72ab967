namespace CivicHall.Booking.Slots;

/// <summary><c>Booking:Replanning</c> settings.</summary>
public sealed class ReplanningOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
