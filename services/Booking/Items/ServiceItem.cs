namespace CivicHall.Booking.Items;

/// <summary>
/// A bookable service item (事项) of a hall, served at the windows of its <see cref="WindowGroup"/>.
/// Items that can be done online (网上办/全程网办) carry the route, offered before any booking.
/// </summary>
public sealed class ServiceItem
{
    public required string HallId { get; init; }

    public required string ItemId { get; init; }

    public string Name { get; set; } = string.Empty;

    public string WindowGroup { get; set; } = string.Empty;

    /// <summary>Window time one case takes, in minutes.</summary>
    public int MinutesPerCase { get; set; }

    public bool OnlineCapable { get; set; }

    /// <summary>Where the item can be done online (a URL or an app path) when <see cref="OnlineCapable"/>.</summary>
    public string? OnlineRoute { get; set; }

    /// <summary>Whether an online-capable item may still be booked on site (policy of the hall for this item).</summary>
    public bool OnSiteAllowed { get; set; } = true;

    public bool Active { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }
}
