using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CivicHall.Booking.Closures;
using CivicHall.Booking.Policies;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Booking.Slots;

/// <summary><c>GET /api/v1/halls/{hallId}/slots?date=</c>: a day's slots with capacity, what remains and how many were served.</summary>
public static class SlotEndpoints
{
    public static IEndpointRouteBuilder MapSlotEndpoints(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup("/api/v1/halls/{hallId}/slots").WithTags("Slots");
        slots.MapGet("/", GetSlots).WithName("GetSlots")
            .WithSummary("A day's slots with what remains")
            .WithDescription(
                "The slots of the hall's local `date` (planned when first asked for), each with capacity, booked, remaining, remaining online "
                + "and served; the day's quota left and served. `itemId` narrows to the item's window group, as does `windowGroup`. A slot whose "
                + "window group's zone is closed (`unavailable: zone_closed`) or whose hall's on-site service is suspended (`on_site_suspended`) "
                + "shows nothing remaining. `startsAt`/`endsAt` are instants in UTC (`+00:00`); the day is the hall's. Not paged: a day holds "
                + "a bounded number of slots (its opening hours over the policy's slot length, per window group), all in one answer, by `startsAt` then `windowGroup`.")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, BookingProblems.ItemUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.BookingNotConfigured)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, BookingProblems.OutsideHorizon);
        slots.MapGet("/suggestions", SuggestSlots).WithName("SuggestSlots")
            .WithSummary("Suggest the least-booked slots (错峰)")
            .WithDescription(
                "The `count` (1–20, default 3) slots of the day that can still be booked online, lowest share booked first, then earliest; "
                + "times in UTC. Not paged: `count` bounds the answer.")
            .ProducesProblems(StatusCodes.Status404NotFound, BookingProblems.HallUnknown, BookingProblems.ItemUnknown)
            .ProducesProblems(StatusCodes.Status409Conflict, BookingProblems.BookingNotConfigured)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, BookingProblems.OutsideHorizon);
        return app;
    }

    /// <summary>
    /// Off-peak help (错峰): the least-loaded slots of a day that can still be booked online, for an
    /// item or a window group — lowest share booked first, then earliest.
    /// </summary>
    private static async Task<Results<Ok<SlotResponse[]>, ProblemHttpResult>> SuggestSlots(
        string hallId,
        [Required, Description("The hall's local date, yyyy-MM-dd.")] DateOnly? date,
        [Identifier] string? windowGroup,
        string? itemId,
        [Range(1, 20)] int? count,
        BookingDbContext db,
        SlotStore slotStore,
        ISlotBookings slotBookings,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (count is < 1 or > 20)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["count"] = ["Between 1 and 20."] });
        }

        var day = await GetSlots(hallId, date, windowGroup, itemId, db, slotStore, slotBookings, timeProvider, cancellationToken);
        if (day.Result is not Ok<DaySlotsResponse> { Value: { } slots })
        {
            return (ProblemHttpResult)day.Result;
        }

        var now = timeProvider.GetUtcNow();
        return TypedResults.Ok(slots.Slots
            .Where(s => s.RemainingOnline > 0 && s.StartsAt > now)
            .OrderBy(s => s.Capacity == 0 ? 1m : (decimal)s.Booked / s.Capacity)
            .ThenBy(s => s.StartsAt)
            .Take(count ?? 3)
            .ToArray());
    }

    private static async Task<Results<Ok<DaySlotsResponse>, ProblemHttpResult>> GetSlots(
        string hallId,
        [Required, Description("The hall's local date, yyyy-MM-dd.")] DateOnly? date,
        [Identifier] string? windowGroup,
        string? itemId,
        BookingDbContext db,
        SlotStore slotStore,
        ISlotBookings slotBookings,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (date is null)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["date"] = ["Required, as yyyy-MM-dd (the hall's local date)."] });
        }

        var day = date.Value;
        var known = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.HallId == hallId, cancellationToken);
        if (known is null)
        {
            return BookingProblems.UnknownHall(hallId);
        }

        var now = timeProvider.GetUtcNow();
        var current = await BookingPolicies.InForceAsync(db, hallId, now, cancellationToken);
        if (current is null)
        {
            return BookingProblems.NotConfigured(hallId);
        }

        var today = HallDay.Of(known).DateAt(now);
        if (day < today || day > today.AddDays(current.HorizonDays))
        {
            return Problem.Of(
                StatusCodes.Status422UnprocessableEntity,
                BookingProblems.OutsideHorizon,
                new Bilingual(
                    $"可查看 {today:O} 至 {today.AddDays(current.HorizonDays):O} 的预约时段。",
                    $"Slots can be seen from {today:O} to {today.AddDays(current.HorizonDays):O}."));
        }

        var outcome = await slotStore.EnsurePlannedAsync(hallId, day, cancellationToken);
        switch (outcome.Status)
        {
            case PlanningStatus.HallUnknown:
                return BookingProblems.UnknownHall(hallId);
            case PlanningStatus.NotConfigured:
                return BookingProblems.NotConfigured(hallId, day);
        }

        var hall = outcome.Hall!;
        var policy = outcome.Policy!;

        if (itemId is not null)
        {
            var item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.HallId == hallId && i.ItemId == itemId && i.Active, cancellationToken);
            if (item is null)
            {
                return BookingProblems.UnknownItem(hallId, itemId);
            }

            windowGroup = item.WindowGroup;
        }

        var query = db.Slots.AsNoTracking().Where(s => s.HallId == hallId && s.Date == day && s.Status == SlotStatus.Open);
        if (windowGroup is not null)
        {
            query = query.Where(s => s.WindowGroup == windowGroup);
        }

        var rows = await query
            .OrderBy(s => s.StartsAt).ThenBy(s => s.WindowGroup)
            .Select(s => new
            {
                Slot = s,
                Booked = db.SlotPlaceCounters.Where(c => c.HallId == s.HallId && c.SlotId == s.SlotId).Sum(c => c.Taken),
                Free = db.SlotPlaceCounters.Where(c => c.HallId == s.HallId && c.SlotId == s.SlotId).Sum(c => c.Capacity - c.Taken),
                FreeOnline = db.SlotPlaceCounters.Where(c => c.HallId == s.HallId && c.SlotId == s.SlotId && !c.Reserved).Sum(c => c.Capacity - c.Taken),
            })
            .ToListAsync(cancellationToken);
        var quotaRemaining = await db.DayQuotaCounters.Where(c => c.HallId == hallId && c.Date == day).SumAsync(c => c.Capacity - c.Taken, cancellationToken);
        var served = await slotBookings.ServedAsync(hallId, day, windowGroup, cancellationToken);
        var closedZones = await ClosureStore.ClosedZonesAsync(db, hallId, cancellationToken);
        var suspended = known.OnSiteState == OnSiteStates.Suspended || await ClosureStore.SuspendedAsync(db, hallId, cancellationToken);
        var zoneOf = current.WindowGroups.Where(g => g.ZoneId is not null).ToDictionary(g => g.Group, g => g.ZoneId!, StringComparer.Ordinal);
        string? Unavailable(Slot slot) =>
            suspended ? CancelReasons.OnSiteSuspended
            : zoneOf.TryGetValue(slot.WindowGroup, out var zone) && closedZones.Contains(zone) ? CancelReasons.ZoneClosed
            : null;

        return TypedResults.Ok(new DaySlotsResponse(
            hallId,
            day,
            hall.HoursOn(day) is not null && rows.Count > 0,
            policy.Version,
            policy.DailyQuota,
            quotaRemaining,
            served.Values.Sum(),
            [.. rows.Select(r => (Row: r, Unavailable: Unavailable(r.Slot))).Select(x => new SlotResponse(
                x.Row.Slot.SlotId, x.Row.Slot.WindowGroup, x.Row.Slot.StartsAt.ToUniversalTime(), x.Row.Slot.EndsAt.ToUniversalTime(), x.Row.Slot.Capacity, x.Row.Booked,
                x.Unavailable is null ? Math.Min(x.Row.Free, quotaRemaining) : 0,
                x.Unavailable is null ? Math.Min(x.Row.FreeOnline, quotaRemaining) : 0,
                served.GetValueOrDefault(x.Row.Slot.SlotId),
                x.Unavailable))]));
    }
}
