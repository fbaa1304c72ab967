namespace CivicHall.Booking.Policies;

/// <summary>
/// Body of <c>PUT /api/v1/halls/{hallId}/booking-policy</c>: a new version of the hall's booking
/// rules, in force from <see cref="EffectiveFrom"/> (now when omitted). Omitted numbers take the defaults.
/// </summary>
public sealed record PutBookingPolicyRequest(
    DateTimeOffset? EffectiveFrom,
    int? SlotMinutes,
    IReadOnlyList<WindowGroupDto>? WindowGroups,
    decimal? PhaseShare,
    int? DailyQuota,
    int? HorizonDays,
    int? MaxActiveBookingsPerPerson,
    int? CheckInEarlyMinutes,
    int? CheckInLateMinutes,
    decimal? WalkInReserveShare,
    int? GreenChannelDailyLimit);

public sealed record WindowGroupDto(string? Group, int? Windows, int? MinutesPerCase);

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
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static BookingPolicyResponse From(BookingPolicy p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.HallId, p.Version, p.EffectiveFrom, p.SlotMinutes, p.WindowGroups, p.PhaseShare, p.DailyQuota, p.HorizonDays,
            p.MaxActiveBookingsPerPerson, p.CheckInEarlyMinutes, p.CheckInLateMinutes, p.WalkInReserveShare, p.GreenChannelDailyLimit,
            p.CreatedAt, p.CreatedBy);
    }
}

/// <summary>The version in force and those that take effect later.</summary>
public sealed record BookingPolicyView(BookingPolicyResponse? Current, IReadOnlyList<BookingPolicyResponse> Upcoming);
