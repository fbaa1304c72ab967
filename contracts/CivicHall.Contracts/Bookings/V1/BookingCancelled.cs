namespace CivicHall.Contracts.Bookings.V1;

/// <summary>A booking was cancelled (by the citizen, staff, or because on-site service stopped).</summary>
/// <param name="BookingId">The booking.</param>
/// <param name="HallId">Its hall.</param>
/// <param name="SlotId">The slot it held.</param>
/// <param name="PersonKey">The citizen's key.</param>
/// <param name="Reason">Why (<see cref="CancelReasons"/> for the system's own reasons).</param>
/// <param name="OccurredAt">When it was cancelled.</param>
/// <param name="OnlineRoute">
/// Where the booking's item can be done online instead, when the hall stopped serving it on site (zone closed,
/// on-site service suspended) and the item has a route. Added to V1 later: a message from before it reads null.
/// </param>
public sealed record BookingCancelled(
    Guid BookingId,
    string HallId,
    string SlotId,
    string PersonKey,
    string Reason,
    DateTimeOffset OccurredAt,
    string? OnlineRoute = null) : IIntegrationEvent;

/// <summary>Reasons the system itself cancels or moves a booking for (beside <see cref="ReplanReasons"/>).</summary>
public static class CancelReasons
{
    /// <summary>The zone serving the booking's item was closed by an incident (污染单个区域).</summary>
    public const string ZoneClosed = "zone_closed";

    /// <summary>On-site service of the hall was suspended (暂停现场服务).</summary>
    public const string OnSiteSuspended = "on_site_suspended";
}
