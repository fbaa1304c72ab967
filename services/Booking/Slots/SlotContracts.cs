namespace CivicHall.Booking.Slots;

/// <summary>
/// A slot as clients see it. <see cref="Remaining"/> counts every free place; <see cref="RemainingOnline"/>
/// those the portal, app and phone may take (the rest are kept for special groups at the door).
/// </summary>
public sealed record SlotResponse(
    string SlotId,
    string WindowGroup,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int Booked,
    int Remaining,
    int RemainingOnline);

/// <summary>The slots of a hall on a day, and what is left of the day's quota.</summary>
public sealed record DaySlotsResponse(
    string HallId,
    DateOnly Date,
    bool Open,
    int PolicyVersion,
    int DailyQuota,
    int QuotaRemaining,
    IReadOnlyList<SlotResponse> Slots);
