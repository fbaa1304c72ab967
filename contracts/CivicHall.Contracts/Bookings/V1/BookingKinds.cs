namespace CivicHall.Contracts.Bookings.V1;

/// <summary>How a booking was made (DESIGN §4): it decides which places and limits apply.</summary>
public static class BookingKinds
{
    /// <summary>A citizen's own booking through the portal, the app or by phone.</summary>
    public const string Regular = "regular";

    /// <summary>Elderly or disabled person booked at the door, from the walk-in reserve.</summary>
    public const string SpecialGroup = "special_group";

    /// <summary>Made by a registered agent (帮办代办) for an enterprise.</summary>
    public const string Agent = "agent";

    /// <summary>Green channel (绿色通道): outside the quota, limited and audited.</summary>
    public const string GreenChannel = "green_channel";
}

/// <summary>Where a booking came from.</summary>
public static class BookingChannels
{
    public const string Portal = "portal";
    public const string App = "app";
    public const string Phone = "phone";
    public const string OnSite = "on_site";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Portal, App, Phone, OnSite };
}
