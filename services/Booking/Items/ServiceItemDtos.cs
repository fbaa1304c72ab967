using System.ComponentModel.DataAnnotations;

namespace CivicHall.Booking.Items;

/// <summary>
/// Body of <c>PUT /api/v1/halls/{hallId}/service-items/{itemId}</c>. An online-capable item needs its
/// <c>onlineRoute</c>; <c>onSiteAllowed</c> and <c>active</c> default to true.
/// </summary>
public sealed record PutServiceItemRequest(
    [Required, StringLength(200, MinimumLength = 1)] string? Name,
    [Required, Identifier] string? WindowGroup,
    [Required, Range(1, 480)] int? MinutesPerCase,
    bool? OnlineCapable,
    [StringLength(500)] string? OnlineRoute,
    bool? OnSiteAllowed,
    bool? Active);

/// <summary>A page of a hall's items, by window group then item id; <c>nextCursor</c> is null on the last page.</summary>
public sealed record ServiceItemList(string HallId, IReadOnlyList<ServiceItemResponse> Items, string? NextCursor);

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
