namespace CivicHall.Booking.Bookings;

/// <summary>The special groups (elderly, disabled) that may be booked at the door and are served first.</summary>
public static class SpecialGroups
{
    public const string Elderly = "elderly";
    public const string Disabled = "disabled";

    public static bool IsKnown(string? group) => group is Elderly or Disabled;
}
