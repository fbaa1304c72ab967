namespace CivicHall.Booking.Policies;

/// <summary>
/// One version of a hall's booking rules (DESIGN §3, §4). Versions are never changed: a new one is
/// added with the time it takes effect, and a rule about a day uses the version in force when that
/// day begins in the hall's time zone.
/// </summary>
public sealed class BookingPolicy
{
    public required string HallId { get; init; }

    public int Version { get; init; }

    public DateTimeOffset EffectiveFrom { get; init; }

    public int SlotMinutes { get; init; }

    public List<WindowGroupPlan> WindowGroups { get; init; } = [];

    /// <summary>Share of pre-epidemic volume the hall may serve (复工阶段, e.g. 0.6 then 1.0).</summary>
    public decimal PhaseShare { get; init; }

    /// <summary>Most bookings a day (green channel excluded).</summary>
    public int DailyQuota { get; init; }

    /// <summary>How many days ahead a slot may be booked (today is day 0).</summary>
    public int HorizonDays { get; init; }

    public int MaxActiveBookingsPerPerson { get; init; }

    /// <summary>Check-in opens this many minutes before the slot starts.</summary>
    public int CheckInEarlyMinutes { get; init; }

    /// <summary>Check-in closes this many minutes after the slot starts; later is a late arrival.</summary>
    public int CheckInLateMinutes { get; init; }

    /// <summary>Share of each slot kept for special groups booking at the door (老年人、残疾人).</summary>
    public decimal WalkInReserveShare { get; init; }

    /// <summary>Green-channel (绿色通道) bookings allowed a day, outside the quota.</summary>
    public int GreenChannelDailyLimit { get; init; }

    /// <summary>How often a citizen may move one booking to another slot (改约); 0 turns rescheduling off.</summary>
    public int MaxReschedules { get; init; } = BookingPolicyDefaults.MaxReschedules;
    /// <summary>How long a called ticket is waited for before a window may mark it missed (过号).</summary>
    public int MissedAfterSeconds { get; init; } = BookingPolicyDefaults.MissedAfterSeconds;

    /// <summary>A missed ticket goes back into the queue behind this many tickets, once; a second miss ends it.</summary>
    public int RequeueAfter { get; init; } = BookingPolicyDefaults.RequeueAfter;

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = string.Empty;
}
