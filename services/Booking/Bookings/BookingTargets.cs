using CivicHall.Booking.Catalog;
using CivicHall.Booking.Slots;
using CivicHall.Contracts.Bookings.V1;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// Decides whether an ask can be booked at all — hall, on-site state, item and its online route, policy,
/// horizon, slot — before any place is taken. Shared by single and batch bookings.
/// </summary>
public sealed class BookingTargets(BookingCatalog catalog)
{
    /// <summary>
    /// The target of an ask, or the problem that refuses it. A refusal decided on a cached entry is
    /// decided again on a fresh read, so a change made through another replica is never refused on.
    /// </summary>
    public async Task<(BookingTarget? Target, ProblemHttpResult? Problem)> ResolveAsync(BookingAsk ask, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var hall = await catalog.HallAsync(ask.HallId, cancellationToken);
        if (hall is null)
        {
            return (null, BookingProblems.UnknownHall(ask.HallId));
        }

        var first = await ResolveAsync(hall, ask, now, cancellationToken);
        if (first.Target is not null)
        {
            return first;
        }

        catalog.Forget(hall);
        var fresh = await catalog.HallAsync(ask.HallId, cancellationToken);
        return fresh is null
            ? (null, BookingProblems.UnknownHall(ask.HallId))
            : await ResolveAsync(fresh, ask, now, cancellationToken);
    }

    /// <summary>Drops an entry that <c>booking_confirm</c> found out of date.</summary>
    public void Forget(BookingTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        catalog.Forget(target.Catalog);
    }

    private async Task<(BookingTarget? Target, ProblemHttpResult? Problem)> ResolveAsync(
        HallCatalog catalogEntry, BookingAsk ask, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hall = catalogEntry.Hall;
        if (catalogEntry.Suspended)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, BookingProblems.HallClosed,
                new Bilingual("该大厅已暂停现场服务，请通过网上或电话渠道办理。", "On-site service at this hall is suspended; use the online or phone channels."));
        }

        if (!catalogEntry.Items.TryGetValue(ask.ItemId, out var item) || !item.Active)
        {
            return (null, BookingProblems.UnknownItem(hall.HallId, ask.ItemId));
        }

        if (item.OnlineCapable && ask.Kind == BookingKinds.Regular)
        {
            if (!item.OnSiteAllowed)
            {
                return (null, OnlineRoute(StatusCodes.Status422UnprocessableEntity, BookingProblems.OnlineOnly, item.OnlineRoute!));
            }

            if (!ask.ConfirmOnSite)
            {
                return (null, OnlineRoute(StatusCodes.Status409Conflict, BookingProblems.OnlineRouteAvailable, item.OnlineRoute!));
            }
        }

        var policy = catalogEntry.Policy;
        if (policy is null)
        {
            return (null, BookingProblems.NotConfigured(hall.HallId));
        }

        if (policy.WindowGroups.FirstOrDefault(g => g.Group == item.WindowGroup)?.ZoneId is { } zone && catalogEntry.ClosedZones.Contains(zone))
        {
            return Refuse(StatusCodes.Status409Conflict, BookingProblems.ZoneClosed,
                new Bilingual(
                    $"办理事项“{item.ItemId}”的区域“{zone}”已关闭，请待该区域重新开放后再预约。",
                    $"Zone '{zone}', where item '{item.ItemId}' is served, is closed; book it again once the zone reopens."));
        }

        if (!SlotIds.TryParseDate(ask.SlotId, out var date))
        {
            return Refuse(StatusCodes.Status404NotFound, BookingProblems.SlotUnknown,
                new Bilingual($"“{ask.SlotId}”不是大厅“{hall.HallId}”的预约时段。", $"'{ask.SlotId}' is not a slot of hall '{hall.HallId}'."));
        }

        var today = hall.DateAt(now);
        if (date < today || date > today.AddDays(policy.HorizonDays))
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, BookingProblems.OutsideHorizon,
                new Bilingual(
                    $"可预约 {today:O} 至 {today.AddDays(policy.HorizonDays):O} 的时段。",
                    $"Bookings are open from {today:O} to {today.AddDays(policy.HorizonDays):O}."));
        }

        if (ask.Kind == BookingKinds.SpecialGroup && date != today)
        {
            return (null, Problem.Validation(new Dictionary<string, string[]> { ["specialGroup"] = ["Special groups are booked at the door, for today."] }));
        }

        var day = await catalog.DayAsync(catalogEntry, date, cancellationToken);
        if (day.Status != PlanningStatus.Planned)
        {
            return (null, BookingProblems.NotConfigured(hall.HallId, date));
        }

        if (!day.Slots.TryGetValue(ask.SlotId, out var slot) || slot.Status != SlotStatus.Open || slot.WindowGroup != item.WindowGroup)
        {
            return Refuse(StatusCodes.Status404NotFound, BookingProblems.SlotUnknown,
                new Bilingual($"“{ask.SlotId}”不是事项“{item.ItemId}”可预约的时段。", $"'{ask.SlotId}' is not an open slot for item '{item.ItemId}'."));
        }

        if ((ask.Kind == BookingKinds.SpecialGroup ? slot.EndsAt : slot.StartsAt) <= now)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, BookingProblems.SlotPast,
                new Bilingual("该时段已开始，请选择之后的时段。", "That slot has already begun; choose a later one."));
        }

        return (new BookingTarget(catalogEntry, item, policy, slot, date), null);
    }

    private static (BookingTarget?, ProblemHttpResult?) Refuse(int status, string code, Bilingual detail) => (null, Problem.Of(status, code, detail));

    private static ProblemHttpResult OnlineRoute(int status, string code, string route) =>
        Problem.Of(status, code, new Bilingual($"该事项可网上办理：{route}", $"This item can be done online: {route}"), new Dictionary<string, object?> { ["onlineRoute"] = route });
}
