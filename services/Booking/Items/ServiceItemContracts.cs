namespace CivicHall.Booking.Items;

/// <summary>Body of <c>PUT /api/v1/halls/{hallId}/service-items/{itemId}</c>.</summary>
public sealed record PutServiceItemRequest(
    string? Name,
    string? WindowGroup,
    int? MinutesPerCase,
    bool? OnlineCapable,
    string? OnlineRoute,
    bool? OnSiteAllowed,
    bool? Active);

public sealed record ServiceItemResponse(
    string HallId,
    string ItemId,
    string Name,
    string WindowGroup,
    int MinutesPerCase,
    bool OnlineCapable,
    string? OnlineRoute,
    bool OnSiteAllowed,
    bool Active,
    DateTimeOffset UpdatedAt)
{
    public static ServiceItemResponse From(ServiceItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.HallId, i.ItemId, i.Name, i.WindowGroup, i.MinutesPerCase, i.OnlineCapable, i.OnlineRoute, i.OnSiteAllowed, i.Active, i.UpdatedAt);
    }
}
