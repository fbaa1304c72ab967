namespace CivicHall.Booking.Catalog;

/// <summary>
/// A counter per hall that database triggers raise whenever anything a booking is decided on changes:
/// the hall (hours, on-site state), its booking policies or its service items. A booking made from a
/// cached <see cref="BookingCatalog"/> entry states the version it was read at, and
/// <c>booking_confirm</c> refuses it when the counter has moved on.
/// </summary>
public sealed class CatalogVersion
{
    public required string HallId { get; init; }

    public long Version { get; init; }
}
