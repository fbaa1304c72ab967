using CivicHall.Contracts.Bookings.V1;

namespace CivicHall.Booking.Bookings;

/// <summary>The integration events a booking's changes publish, shaped from the booking as changed.</summary>
public static class BookingEvents
{
    public static BookingConfirmed Confirmed(Booking b, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.HallId, b.ItemId, b.WindowGroup, b.SlotId, b.SlotStartsAt, b.SlotEndsAt, b.PersonKey, b.Channel, b.Kind, b.AgentId, now);
    }

    /// <summary>The cancellation, with the item's online route when the hall stopped serving it on site.</summary>
    public static BookingCancelled Cancelled(Booking b, DateTimeOffset now, string? onlineRoute = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.HallId, b.SlotId, b.PersonKey, b.CancelReason!, now, onlineRoute);
    }

    public static BookingMoved Moved(Booking b, string fromSlotId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.HallId, fromSlotId, b.SlotId, b.SlotStartsAt, b.SlotEndsAt, b.PersonKey, b.MoveReason!, now);
    }

    public static BookingCheckedIn CheckedIn(Booking b, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.HallId, b.SlotId, b.PersonKey, b.TicketNumber!.Value, b.SpecialGroup, now, now);
    }

    public static BookingServed Served(Booking b, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.HallId, b.Date, b.SlotId, b.SlotStartsAt, b.ItemId, b.WindowGroup, b.Kind, b.PersonKey,
            b.TicketNumber ?? throw new InvalidOperationException($"Checked-in booking '{b.Id}' has no ticket."),
            b.CheckedInAt ?? throw new InvalidOperationException($"Checked-in booking '{b.Id}' has no check-in time."),
            b.ServedWindowId, b.ServedBy!, now, now);
    }
}
