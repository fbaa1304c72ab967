namespace CivicHall.Booking.Slots;

public enum PlanningStatus
{
    Planned,
    HallUnknown,
    NotConfigured,
}
