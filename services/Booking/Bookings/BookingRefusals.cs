using CivicHall.Booking.Agents;
using CivicHall.Booking.Slots;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// The one place where what the store (<c>booking_confirm</c>) or a <see cref="Booking"/> refused becomes
/// the problem the client is answered with.
/// </summary>
public static class BookingRefusals
{
    /// <summary>
    /// The problem for what <c>booking_confirm</c> refused. For a batch, <paramref name="personIndex"/>
    /// names the person it stopped at; nobody in the batch was booked.
    /// </summary>
    public static ProblemHttpResult Confirm(string outcome, BookingTarget target, string key, int? personIndex = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var batch = personIndex is null ? null : new Dictionary<string, object?> { ["personIndex"] = personIndex };
        var whole = personIndex is null ? string.Empty : $" (at people[{personIndex}]; nobody in the batch was booked)";
        var wholeZh = personIndex is null ? string.Empty : $"（第 people[{personIndex}] 人；本批次无人预约成功）";
        var (hall, date, policy) = (target.Hall.HallId, target.Date, target.Policy);
        return outcome switch
        {
            BookingOutcome.IdempotencyConflict => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.IdempotencyKeyReused,
                new Bilingual($"幂等键“{key}”已用于另一个请求。", $"Idempotency-Key '{key}' was used for a different request.")),
            BookingProblems.SlotFull => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.SlotFull,
                new Bilingual($"时段“{target.Slot.SlotId}”已约满{wholeZh}。", $"Slot '{target.Slot.SlotId}' is fully booked{whole}."), batch),
            BookingProblems.QuotaReached => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.QuotaReached,
                new Bilingual($"大厅“{hall}”{date:O} 的预约名额已满{wholeZh}。", $"Hall '{hall}' has no bookings left for {date:O}{whole}."), batch),
            BookingProblems.GreenChannelExhausted => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.GreenChannelExhausted,
                new Bilingual(
                    $"大厅“{hall}”{date:O} 的 {policy.GreenChannelDailyLimit} 个绿色通道名额已用完。",
                    $"Hall '{hall}' has used its {policy.GreenChannelDailyLimit} green-channel bookings for {date:O}.")),
            BookingProblems.TooManyActiveBookings => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.TooManyActiveBookings,
                new Bilingual(
                    $"每人最多持有 {policy.MaxActiveBookingsPerPerson} 个有效预约{wholeZh}。",
                    $"A person may hold at most {policy.MaxActiveBookingsPerPerson} active bookings{whole}."), batch),
            BookingOutcome.CatalogChanged => Problem.ConcurrentUpdate(new Bilingual($"大厅“{hall}”正在调整配置，请重试。", $"Hall '{hall}' is being reconfigured; try again.")),
            _ => throw new InvalidOperationException($"booking_confirm answered '{outcome}'."),
        };
    }

    /// <summary>Why an agent may not book a batch of <paramref name="people"/> (not registered, suspended, too many), or null when it may.</summary>
    public static ProblemHttpResult? Batch(Agent? agent, string agentId, int people)
    {
        if (agent is not { Active: true })
        {
            return Problem.Of(StatusCodes.Status403Forbidden, BookingProblems.AgentNotRegistered,
                agent is null
                    ? new Bilingual($"“{agentId}”不是已备案的代办人。", $"'{agentId}' is not a registered agent (备案).")
                    : new Bilingual($"代办人“{agentId}”的备案已暂停。", $"The registration of agent '{agentId}' is suspended."));
        }

        return people > agent.MaxBatchSize
            ? Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.BatchTooLarge,
                new Bilingual(
                    $"代办人“{agentId}”每批最多预约 {agent.MaxBatchSize} 人，本批次有 {people} 人。",
                    $"Agent '{agentId}' may book at most {agent.MaxBatchSize} people at once; this batch has {people}."))
            : null;
    }

    /// <summary>A booking that is not there, or not the caller's to see (the same answer, so nothing is given away).</summary>
    public static ProblemHttpResult NotFound(Guid bookingId) => Problem.NotFound(new Bilingual($"预约“{bookingId}”不存在。", $"Booking '{bookingId}' does not exist."));

    /// <summary>Another request changed the booking between our read and our write.</summary>
    public static ProblemHttpResult ConcurrentUpdate(Guid bookingId) =>
        Problem.ConcurrentUpdate(new Bilingual($"预约“{bookingId}”刚被同时修改，请刷新后重试。", $"Booking '{bookingId}' changed at the same time; reload and retry."));

    /// <summary>What <see cref="Booking.Cancel"/> refused.</summary>
    public static ProblemHttpResult Cancel(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotCancellable,
            new Bilingual($"状态为 {EnumText.Of(booking.Status)} 的预约不可取消。", $"A booking that is {EnumText.Of(booking.Status)} cannot be cancelled."));
    }

    /// <summary>What <see cref="Booking.MayCheckIn"/> refused.</summary>
    public static ProblemHttpResult CheckIn(BookingChange change, Booking booking, CheckInWindow window, HallDay hall)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(hall);
        return change switch
        {
            BookingChange.TooLate when booking.Status == BookingStatus.NoShow => Problem.Of(StatusCodes.Status422UnprocessableEntity,
                BookingProblems.CheckInTooLate, new Bilingual("该预约已过签到时间，已记为爽约。", "Check-in for this booking has closed; it was marked a no-show.")),
            BookingChange.Refused => Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotConfirmed,
                new Bilingual($"状态为 {EnumText.Of(booking.Status)} 的预约不可签到。", $"A booking that is {EnumText.Of(booking.Status)} cannot be checked in.")),
            BookingChange.TooEarly => Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.CheckInTooEarly,
                new Bilingual($"签到于大厅当地时间 {hall.TimeOfDay(window.Opens):HH:mm} 开始。", $"Check-in opens at {hall.TimeOfDay(window.Opens):HH:mm}, the hall's local time.")),
            BookingChange.TooLate => Problem.Of(StatusCodes.Status422UnprocessableEntity, BookingProblems.CheckInTooLate,
                new Bilingual($"签到已于大厅当地时间 {hall.TimeOfDay(window.Closes):HH:mm} 截止。", $"Check-in closed at {hall.TimeOfDay(window.Closes):HH:mm}, the hall's local time.")),
            _ => throw new InvalidOperationException($"Check-in of booking '{booking.Id}' was not refused ({change})."),
        };
    }

    /// <summary>What <see cref="Booking.Serve"/> refused: not checked in yet, or past serving.</summary>
    public static ProblemHttpResult Serve(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var detail = booking.Status == BookingStatus.Confirmed
            ? new Bilingual("该预约尚未签到，访客需先签到取号再办理。", "The booking is not checked in yet; the visitor takes a queue ticket (check-in) before being served.")
            : new Bilingual($"状态为 {EnumText.Of(booking.Status)} 的预约不可办结，只有已签到的预约可以。", $"A booking that is {EnumText.Of(booking.Status)} cannot be served; only a checked-in booking can.");
        return Problem.Of(StatusCodes.Status409Conflict, BookingProblems.NotServable, detail);
    }
}
