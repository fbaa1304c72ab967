using System.Security.Claims;
using CivicHall.ServiceDefaults.Auth;

namespace CivicHall.Booking.Bookings;

/// <summary>Who may see (and so read, cancel or check in) a booking.</summary>
public static class BookingAccess
{
    /// <summary>Staff see every booking; a citizen, portal or agent only those they made.</summary>
    public static bool MaySee(ClaimsPrincipal user, Booking booking)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(booking);
        return user.IsInRole(Roles.WindowStaff) || user.IsInRole(Roles.DutyLeader) || user.IsInRole(Roles.Ops) || user.IsInRole(Roles.Screener)
            || booking.CreatedBy == user.Subject();
    }
}
