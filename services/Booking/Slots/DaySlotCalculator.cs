using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;

namespace CivicHall.Booking.Slots;

/// <summary>
/// The slots of one hall on one day, from its opening hours and the booking policy in force (DESIGN §4):
/// for each window group, consecutive slots of the policy's length from opening until the last one
/// that ends by closing time, each with capacity = windows × slot length ÷ minutes per case × phase
/// share (rounded down), of which the walk-in reserve share (rounded down) is kept for the door.
/// </summary>
public static class DaySlotCalculator
{
    public static IReadOnlyList<PlannedSlot> Plan(HallDay hall, BookingPolicy policy, IEnumerable<ServiceItem> items, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(items);
        // A suspended hall keeps its plan: suspension refuses new bookings and cancels the hall's bookings itself
        // (booking's OnSiteServiceSuspended consumer), so that resumption finds the slots as they were.
        if (hall.HoursOn(date) is not { } hours || policy.SlotMinutes <= 0)
        {
            return [];
        }

        var longestCase = items
            .Where(i => i.Active)
            .GroupBy(i => i.WindowGroup, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(i => i.MinutesPerCase), StringComparer.Ordinal);

        var slots = new List<PlannedSlot>();
        foreach (var group in policy.WindowGroups.OrderBy(g => g.Group, StringComparer.Ordinal))
        {
            var minutesPerCase = group.MinutesPerCase ?? (longestCase.TryGetValue(group.Group, out var longest) ? longest : 0);
            if (minutesPerCase <= 0 || group.Windows <= 0)
            {
                continue; // nothing bookable at this group
            }

            var capacity = Capacity(group.Windows, policy.SlotMinutes, minutesPerCase, policy.PhaseShare);
            var reserve = (int)Math.Floor(capacity * policy.WalkInReserveShare);
            for (var start = hours.Opens; ; start = start.AddMinutes(policy.SlotMinutes))
            {
                var end = start.AddMinutes(policy.SlotMinutes);
                if (end <= start || end > hours.Closes)
                {
                    break; // the last full slot ended by closing time (or the day wrapped)
                }

                slots.Add(new PlannedSlot(SlotIds.For(date, start, group.Group), group.Group, hall.At(date, start), hall.At(date, end), capacity, reserve));
            }
        }

        return slots;
    }

    /// <summary>windows × slot minutes ÷ minutes per case × phase share, rounded down.</summary>
    public static int Capacity(int windows, int slotMinutes, int minutesPerCase, decimal phaseShare) =>
        minutesPerCase <= 0 ? 0 : (int)Math.Floor(windows * slotMinutes / (decimal)minutesPerCase * phaseShare);
}
