using CivicHall.Booking.Policies;

namespace CivicHall.Booking.Slots;

/// <summary>Whether a hall-day could be planned, and from what.</summary>
public sealed record PlanningOutcome(PlanningStatus Status, HallDay? Hall, BookingPolicy? Policy)
{
    public static readonly PlanningOutcome HallUnknown = new(PlanningStatus.HallUnknown, null, null);

    public static readonly PlanningOutcome NotConfigured = new(PlanningStatus.NotConfigured, null, null);

    public static PlanningOutcome Planned(HallDay hall, BookingPolicy policy) => new(PlanningStatus.Planned, hall, policy);
}
