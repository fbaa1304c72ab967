namespace CivicHall.Booking.Problems;

/// <summary>The booking service's problem codes (stable, part of the API) and their zh-CN / en messages.</summary>
public static partial class BookingProblems
{
    public const string HallUnknown = "hall_unknown";
    public const string BookingNotConfigured = "booking_not_configured";
    public const string OutsideHorizon = "outside_horizon";
    public const string HallClosed = "hall_closed";
    public const string SlotFull = "slot_full";
    public const string QuotaReached = "quota_reached";
    public const string TooManyActiveBookings = "too_many_active_bookings";
    public const string ItemUnknown = "item_unknown";
    public const string SlotUnknown = "slot_unknown";
    public const string SlotPast = "slot_past";
    public const string OnlineRouteAvailable = "online_route_available";
    public const string OnlineOnly = "online_only";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string NotCancellable = "not_cancellable";
    public const string GreenChannelExhausted = "green_channel_exhausted";
    public const string CheckInTooEarly = "check_in_too_early";
    public const string CheckInTooLate = "check_in_too_late";
    public const string NotConfirmed = "not_confirmed";
    public const string NotServable = "not_servable";
    public const string AgentNotRegistered = "agent_not_registered";
    public const string BatchTooLarge = "batch_too_large";
    public const string ZoneClosed = "zone_closed";
    public const string NotReschedulable = "not_reschedulable";
    public const string RescheduleLimitReached = "reschedule_limit_reached";

    public static void Register()
    {
        ProblemCatalog.Add(HallUnknown, "办事大厅不存在或尚未同步", "The hall does not exist or is not known to this service yet.");
        ProblemCatalog.Add(BookingNotConfigured, "该大厅尚未开放预约", "The hall has no booking policy yet.");
        ProblemCatalog.Add(OutsideHorizon, "所选日期不在可预约范围内", "The date is outside the booking horizon.");
        ProblemCatalog.Add(HallClosed, "大厅该时段不开放现场服务", "The hall offers no on-site service at that time.");
        ProblemCatalog.Add(SlotFull, "该时段已约满，请选择其他时段", "The slot is fully booked; choose another one.");
        ProblemCatalog.Add(QuotaReached, "当日预约已达上限", "The day's booking quota is reached.");
        ProblemCatalog.Add(TooManyActiveBookings, "您的有效预约数已达上限", "You hold the most active bookings allowed.");
        ProblemCatalog.Add(ItemUnknown, "办理事项不存在", "The service item does not exist.");
        ProblemCatalog.Add(SlotUnknown, "预约时段不存在", "The slot does not exist or is not open for this item.");
        ProblemCatalog.Add(SlotPast, "该时段已开始，请选择之后的时段", "The slot has already begun.");
        ProblemCatalog.Add(OnlineRouteAvailable, "该事项可网上办理，建议优先线上办理", "This item can be done online; confirm to book on site anyway.");
        ProblemCatalog.Add(OnlineOnly, "该事项仅支持网上办理", "This item can only be done online.");
        ProblemCatalog.Add(IdempotencyKeyReused, "幂等键已用于其他请求", "The Idempotency-Key was used for a different request.");
        ProblemCatalog.Add(GreenChannelExhausted, "今日绿色通道名额已用完", "The day's green-channel allowance is used up.");
        ProblemCatalog.Add(CheckInTooEarly, "尚未到签到时间", "Check-in for this booking has not opened yet.");
        ProblemCatalog.Add(CheckInTooLate, "已超过签到时间，请重新预约或咨询工作人员", "Check-in for this booking has closed; book again or ask staff.");
        ProblemCatalog.Add(NotConfirmed, "该预约当前状态不可签到", "Only a confirmed booking can be checked in.");
        ProblemCatalog.Add(NotServable, "该预约尚未签到取号或已结束，不可办结", "Only a checked-in booking can be marked served.");
        ProblemCatalog.Add(AgentNotRegistered, "代办人未备案或备案已暂停", "The agent is not registered or the registration is suspended.");
        ProblemCatalog.Add(BatchTooLarge, "批量预约人数超过备案上限", "The batch has more people than the agent may book at once.");
        ProblemCatalog.Add(ZoneClosed, "该事项所在区域已临时关闭，暂不接受预约", "The zone where this item is served is closed for now; no bookings are taken for it.");
        ProblemCatalog.Add(NotReschedulable, "该预约当前状态不可改约（已签到、已办结、已爽约或已取消）", "Only a confirmed booking can be moved to another slot (not after check-in, serving, a no-show or a cancellation).");
        ProblemCatalog.Add(RescheduleLimitReached, "该预约的改约次数已达上限", "The booking has been moved as often as the hall's policy allows.");
        ProblemCatalog.Add(NotCancellable, "该预约当前状态不可取消", "The booking cannot be cancelled in its current state.");
        RegisterCalls();
    }

    /// <summary>404 <c>hall_unknown</c>: booking has not heard of the hall (<c>HallConfigured</c>).</summary>
    public static ProblemHttpResult UnknownHall(string hallId) =>
        Problem.Of(StatusCodes.Status404NotFound, HallUnknown, new Bilingual($"预约服务中没有大厅“{hallId}”。", $"Hall '{hallId}' is not known to booking."));

    /// <summary>409 <c>booking_not_configured</c>: the hall has no booking policy (on <paramref name="date"/> when given).</summary>
    public static ProblemHttpResult NotConfigured(string hallId, DateOnly? date = null) =>
        Problem.Of(StatusCodes.Status409Conflict, BookingNotConfigured, date is { } day
            ? new Bilingual($"大厅“{hallId}”在 {day:O} 没有生效的预约规则。", $"Hall '{hallId}' has no booking policy for {day:O}.")
            : new Bilingual($"大厅“{hallId}”尚未设置预约规则。", $"Hall '{hallId}' has no booking policy yet."));

    /// <summary>404 <c>item_unknown</c>: the hall has no such item (or none active, when <paramref name="active"/>).</summary>
    public static ProblemHttpResult UnknownItem(string hallId, string itemId, bool active = true) =>
        Problem.Of(StatusCodes.Status404NotFound, ItemUnknown, active
            ? new Bilingual($"大厅“{hallId}”没有可办理的事项“{itemId}”。", $"Hall '{hallId}' has no active item '{itemId}'.")
            : new Bilingual($"大厅“{hallId}”没有事项“{itemId}”。", $"Hall '{hallId}' has no item '{itemId}'."));
}
