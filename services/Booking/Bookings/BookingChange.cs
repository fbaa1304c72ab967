namespace CivicHall.Booking.Bookings;

/// <summary>What a state change asked of a <see cref="Booking"/> came to; the endpoints answer each in one way.</summary>
public enum BookingChange
{
    /// <summary>The booking changed and is to be saved (with its event).</summary>
    Made,

    /// <summary>The booking was already in the state asked for (a retry): answered as it is, nothing saved.</summary>
    Unchanged,

    /// <summary>The booking's state does not allow the change.</summary>
    Refused,

    /// <summary>Check-in has not opened yet.</summary>
    TooEarly,

    /// <summary>Check-in has closed (or the booking was marked a no-show).</summary>
    TooLate,
}
