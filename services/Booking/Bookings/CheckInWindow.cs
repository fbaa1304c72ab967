using CivicHall.Booking.Policies;

namespace CivicHall.Booking.Bookings;

/// <summary>When a booking may be checked in: from the policy's early margin before its slot starts to its late margin after.</summary>
public sealed record CheckInWindow(DateTimeOffset Opens, DateTimeOffset Closes)
{
    /// <summary>The window around a slot's start under the policy in force (the defaults while a hall has none).</summary>
    public static CheckInWindow Around(DateTimeOffset slotStartsAt, BookingPolicy? policy) => new(
        slotStartsAt.AddMinutes(-(policy?.CheckInEarlyMinutes ?? BookingPolicyDefaults.CheckInEarlyMinutes)),
        slotStartsAt.AddMinutes(policy?.CheckInLateMinutes ?? BookingPolicyDefaults.CheckInLateMinutes));
}
