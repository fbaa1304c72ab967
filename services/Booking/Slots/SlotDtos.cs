namespace CivicHall.Booking.Slots;

/// <summary>
/// A slot as clients see it. <c>remaining</c> counts every free place; <c>remainingOnline</c>
/// those the portal, app and phone may take (the rest are kept for special groups at the door).
/// <c>served</c> counts its bookings served at a window (办结), green-channel ones included (they
/// take no place, so it can exceed <c>booked</c>). <c>unavailable</c> says why a slot takes no booking now although
/// planned: <c>zone_closed</c> (incident closed the zone of its window group) or <c>on_site_suspended</c>; its
/// <c>remaining</c> and <c>remainingOnline</c> are then 0 (its bookings and capacity are kept for when it reopens).
/// </summary>
public sealed record SlotResponse(
    string SlotId,
    string WindowGroup,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int Booked,
    int Remaining,
    int RemainingOnline,
    int Served,
    string? Unavailable = null);

/// <summary>
/// The slots of a hall on a day, what is left of the day's quota, and how many bookings of the day were
/// served (<c>served</c>: of the window group asked for, else of the whole day, a slot since
/// withdrawn included).
/// </summary>
public sealed record DaySlotsResponse(
    string HallId,
    DateOnly Date,
    bool Open,
    int PolicyVersion,
    int DailyQuota,
    int QuotaRemaining,
    int Served,
    IReadOnlyList<SlotResponse> Slots);
