using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using CivicHall.Contracts.Halls.V1;

namespace CivicHall.UnitTests.Booking;

public sealed class DaySlotCalculatorTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static HallDay Hall(string state = OnSiteStates.Open, params OpeningHoursOverride[] overrides) => new(
        "qingpu",
        "Asia/Shanghai",
        state,
        [new WeeklyOpeningHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))],
        overrides);

    private static BookingPolicy Policy(int slotMinutes = 30, decimal share = 0.6m, decimal reserve = 0.1m, params WindowGroupPlan[] groups) => new()
    {
        HallId = "qingpu",
        Version = 1,
        SlotMinutes = slotMinutes,
        PhaseShare = share,
        WalkInReserveShare = reserve,
        WindowGroups = groups.Length > 0 ? [.. groups] : [new WindowGroupPlan("social", 4, null)],
    };

    private static ServiceItem Item(string id, string group, int minutes, bool active = true) => new()
    {
        HallId = "qingpu",
        ItemId = id,
        Name = id,
        WindowGroup = group,
        MinutesPerCase = minutes,
        Active = active,
    };

    [Theory]
    [InlineData(4, 30, 10, "0.6", 7)] // 4 × 30 ÷ 10 × 0.6 = 7.2
    [InlineData(4, 30, 10, "1.0", 12)]
    [InlineData(10, 60, 6, "0.6", 60)] // the concurrency test's slot of 100 is 10 × 60 ÷ 6 at 100 %
    [InlineData(1, 30, 45, "1.0", 0)] // a case longer than the slot fits no one
    [InlineData(3, 20, 15, "0.6", 2)] // 2.4 rounds down: never plan more than the windows serve
    public void Capacity_is_windows_times_slot_length_over_minutes_per_case_times_phase_share_rounded_down(
        int windows, int slotMinutes, int minutesPerCase, string share, int expected) =>
        Assert.Equal(expected, DaySlotCalculator.Capacity(windows, slotMinutes, minutesPerCase, decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_day_is_cut_into_slots_from_opening_until_the_last_that_ends_by_closing_time()
    {
        var slots = DaySlotCalculator.Plan(Hall(), Policy(), [Item("pension", "social", 10)], Monday);

        Assert.Equal(16, slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, China), slots[0].StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 0, 0, China), slots[^1].EndsAt);
        Assert.Equal("20261123-0900-social", slots[0].SlotId);
        Assert.All(slots, s => Assert.Equal(7, s.Capacity));
    }

    [Fact]
    public void A_closing_time_inside_a_slot_drops_that_slot()
    {
        var hall = Hall(OnSiteStates.Open, new OpeningHoursOverride(Monday, new TimeOnly(9, 0), new TimeOnly(11, 45), "short day"));
        var slots = DaySlotCalculator.Plan(hall, Policy(), [Item("pension", "social", 10)], Monday);

        Assert.Equal(5, slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 30, 0, China), slots[^1].EndsAt);
    }

    [Fact]
    public void No_slots_on_a_closed_day_or_a_day_without_hours()
    {
        ServiceItem[] items = [Item("pension", "social", 10)];
        Assert.Empty(DaySlotCalculator.Plan(Hall(OnSiteStates.Open, new OpeningHoursOverride(Monday, null, null, "holiday")), Policy(), items, Monday));
        Assert.Empty(DaySlotCalculator.Plan(Hall(), Policy(), items, Monday.AddDays(1))); // Tuesday: no weekly hours
    }

    [Fact]
    public void A_suspension_keeps_the_plan_so_that_resumption_finds_the_slots_intact()
    {
        // Suspension stops bookings (BookingTargets) and cancels them (booking's OnSiteServiceSuspended consumer), not the plan.
        ServiceItem[] items = [Item("pension", "social", 10)];
        Assert.Equal(
            DaySlotCalculator.Plan(Hall(), Policy(), items, Monday),
            DaySlotCalculator.Plan(Hall(OnSiteStates.Suspended), Policy(), items, Monday));
    }

    [Fact]
    public void An_extension_date_opens_a_day_that_is_normally_closed()
    {
        var saturday = Monday.AddDays(5);
        var hall = Hall(OnSiteStates.Open, new OpeningHoursOverride(saturday, new TimeOnly(9, 0), new TimeOnly(12, 0), "周六延时服务"));
        Assert.Equal(6, DaySlotCalculator.Plan(hall, Policy(), [Item("pension", "social", 10)], saturday).Count);
    }

    [Fact]
    public void A_group_plans_with_its_longest_active_item_unless_the_policy_sets_its_minutes()
    {
        ServiceItem[] items = [Item("quick", "social", 10), Item("slow", "social", 20), Item("retired", "social", 60, active: false)];
        var byLongest = DaySlotCalculator.Plan(Hall(), Policy(share: 1m), items, Monday);
        Assert.All(byLongest, s => Assert.Equal(6, s.Capacity)); // 4 × 30 ÷ 20

        var byPolicy = DaySlotCalculator.Plan(Hall(), Policy(share: 1m, groups: new WindowGroupPlan("social", 4, 15)), items, Monday);
        Assert.All(byPolicy, s => Assert.Equal(8, s.Capacity)); // 4 × 30 ÷ 15
    }

    [Fact]
    public void A_group_without_items_or_windows_has_no_slots()
    {
        var policy = Policy(groups: [new WindowGroupPlan("social", 4, null), new WindowGroupPlan("tax", 0, 10), new WindowGroupPlan("empty", 3, null)]);
        var slots = DaySlotCalculator.Plan(Hall(), policy, [Item("pension", "social", 10), Item("vat", "tax", 10)], Monday);
        Assert.All(slots, s => Assert.Equal("social", s.WindowGroup));
    }

    [Fact]
    public void The_walk_in_reserve_is_the_policy_share_of_each_slot_rounded_down()
    {
        var slots = DaySlotCalculator.Plan(Hall(), Policy(share: 1m, reserve: 0.25m, groups: new WindowGroupPlan("social", 10, 6)), [], Monday);
        Assert.All(slots, s => Assert.Equal((50, 12), (s.Capacity, s.Reserve)));
    }
}
