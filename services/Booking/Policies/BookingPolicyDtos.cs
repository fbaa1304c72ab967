using System.ComponentModel.DataAnnotations;

namespace CivicHall.Booking.Policies;

/// <summary>
/// Body of <c>PUT /api/v1/halls/{hallId}/booking-policy</c>: a new version of the hall's booking
/// rules, in force from <c>effectiveFrom</c> (now when omitted; never in the past). Omitted numbers take the
/// defaults; <c>slotMinutes</c> must divide a day evenly.
/// </summary>
public sealed record PutBookingPolicyRequest(
    DateTimeOffset? EffectiveFrom,
    [Range(5, 240)] int? SlotMinutes,
    [MaxLength(100)] IReadOnlyList<WindowGroupDto>? WindowGroups,
    [Range(0.0, 1.0, MinimumIsExclusive = true)] decimal? PhaseShare,
    [Range(0, 100_000)] int? DailyQuota,
    [Range(0, 90)] int? HorizonDays,
    [Range(1, 50)] int? MaxActiveBookingsPerPerson,
    [Range(0, 240)] int? CheckInEarlyMinutes,
    [Range(0, 240)] int? CheckInLateMinutes,
    [Range(0.0, 0.9)] decimal? WalkInReserveShare,
    [Range(0, 10_000)] int? GreenChannelDailyLimit,
    [Range(0, 10)] int? MaxReschedules = null,
    [Range(0, 3600)] int? MissedAfterSeconds = null,
    [Range(0, 100)] int? RequeueAfter = null);

/// <summary>
/// A window group (窗口) of the hall: how many windows serve it, optionally the minutes per case it plans with, and
/// optionally the zone of the hall its windows are in (a zone closure stops that group's bookings).
/// </summary>
public sealed record WindowGroupDto(
    [Required, Identifier] string? Group, [Required, Range(0, 500)] int? Windows, [Range(1, 480)] int? MinutesPerCase, [Identifier] string? ZoneId = null);

public sealed record BookingPolicyResponse(
    string HallId,
    int Version,
    DateTimeOffset EffectiveFrom,
    int SlotMinutes,
    IReadOnlyList<WindowGroupPlan> WindowGroups,
    decimal PhaseShare,
    int DailyQuota,
    int HorizonDays,
    int MaxActiveBookingsPerPerson,
    int CheckInEarlyMinutes,
    int CheckInLateMinutes,
    decimal WalkInReserveShare,
    int GreenChannelDailyLimit,
    int MaxReschedules,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    int MissedAfterSeconds = BookingPolicyDefaults.MissedAfterSeconds,
    int RequeueAfter = BookingPolicyDefaults.RequeueAfter)
{
    public static BookingPolicyResponse From(BookingPolicy p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.HallId, p.Version, p.EffectiveFrom, p.SlotMinutes, p.WindowGroups, p.PhaseShare, p.DailyQuota, p.HorizonDays,
            p.MaxActiveBookingsPerPerson, p.CheckInEarlyMinutes, p.CheckInLateMinutes, p.WalkInReserveShare, p.GreenChannelDailyLimit,
            p.MaxReschedules, p.CreatedAt, p.CreatedBy, p.MissedAfterSeconds, p.RequeueAfter);
    }
}

/// <summary>The version in force and those that take effect later.</summary>
public sealed record BookingPolicyView(BookingPolicyResponse? Current, IReadOnlyList<BookingPolicyResponse> Upcoming);
