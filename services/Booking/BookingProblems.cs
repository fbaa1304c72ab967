using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicHall.Booking;

/// <summary>The booking service's problem codes (stable, part of the API) and their zh-CN / en messages.</summary>
public static class BookingProblems
{
    public const string HallUnknown = "hall_unknown";
    public const string BookingNotConfigured = "booking_not_configured";
    public const string OutsideHorizon = "outside_horizon";
    public const string HallClosed = "hall_closed";
    public const string SlotFull = "slot_full";
    public const string QuotaReached = "quota_reached";
    public const string TooManyActiveBookings = "too_many_active_bookings";
    public const string ItemUnknown = "item_unknown";

    public static void Register()
    {
        ProblemCatalog.Add(HallUnknown, "办事大厅不存在或尚未同步", "The hall does not exist or is not known to booking yet.");
        ProblemCatalog.Add(BookingNotConfigured, "该大厅尚未开放预约", "The hall has no booking policy yet.");
        ProblemCatalog.Add(OutsideHorizon, "所选日期不在可预约范围内", "The date is outside the booking horizon.");
        ProblemCatalog.Add(HallClosed, "大厅该时段不开放现场服务", "The hall offers no on-site service at that time.");
        ProblemCatalog.Add(SlotFull, "该时段已约满，请选择其他时段", "The slot is fully booked; choose another one.");
        ProblemCatalog.Add(QuotaReached, "当日预约已达上限", "The day's booking quota is reached.");
        ProblemCatalog.Add(TooManyActiveBookings, "您的有效预约数已达上限", "You hold the most active bookings allowed.");
        ProblemCatalog.Add(ItemUnknown, "办理事项不存在", "The service item does not exist.");
    }

    public static ProblemHttpResult Of(int status, string code, string? detail = null) => Problem.Of(status, code, detail);
}
