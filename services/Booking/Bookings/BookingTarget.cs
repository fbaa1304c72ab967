using CivicHall.Booking.Catalog;
using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;

namespace CivicHall.Booking.Bookings;

/// <summary>What a booking asks for: an item of a hall in a slot, as which kind of booking.</summary>
public sealed record BookingAsk(string HallId, string ItemId, string SlotId, string Kind, bool ConfirmOnSite);

/// <summary>Where an accepted ask lands: the hall read at a catalog version, the item, the policy in force, the slot.</summary>
public sealed record BookingTarget(HallCatalog Catalog, ServiceItem Item, BookingPolicy Policy, Slot Slot, DateOnly Date)
{
    public HallDay Hall => Catalog.Hall;
}
