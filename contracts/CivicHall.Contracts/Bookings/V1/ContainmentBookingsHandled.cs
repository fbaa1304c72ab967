namespace CivicHall.Contracts.Bookings.V1;

/// <summary>
/// Booking's acknowledgement of a containment action: how many bookings it moved and cancelled for a zone closure
/// (<c>ZoneClosureOrdered</c>) or a suspension (<c>OnSiteServiceSuspended</c>), or that it takes bookings again
/// (<c>OnSiteServiceResumed</c>). Each affected booking has its own <c>BookingMoved</c> or <c>BookingCancelled</c>.
/// </summary>
/// <param name="ContainmentId">The containment action in incident.</param>
/// <param name="HallId">The hall.</param>
/// <param name="Action"><c>zone_closure</c>, <c>suspension</c> or <c>resumption</c>.</param>
/// <param name="ZoneId">The closed zone (zone closure only).</param>
/// <param name="Moved">Bookings moved to another slot.</param>
/// <param name="Cancelled">Bookings cancelled (the citizen told why and the item's online route).</param>
/// <param name="OccurredAt">When booking finished handling it.</param>
public sealed record ContainmentBookingsHandled(
    Guid ContainmentId,
    string HallId,
    string Action,
    string? ZoneId,
    int Moved,
    int Cancelled,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The containment actions booking acknowledges.</summary>
public static class ContainmentActions
{
    public const string ZoneClosure = "zone_closure";
    public const string Suspension = "suspension";
    public const string Resumption = "resumption";
}
