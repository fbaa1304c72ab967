using System.Globalization;
using CivicHall.Contracts.Halls.V1;
using CivicHall.Sanitation;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;

namespace CivicHall.UnitTests.Sanitation;

/// <summary>
/// The day's tasks the seeds' plan makes, written out by hand: a Qingpu-like hall (09:00–17:00 on weekdays,
/// a Saturday extension, Shanghai time) with a service floor, a self-service area, a restroom, an isolation
/// room and a meeting room with two meetings; then a DST change, an override, and closed days.
/// </summary>
public sealed class DueTaskScheduleTests
{
    private static readonly DateOnly Tuesday = new(2026, 12, 1);
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static readonly HallZone[] QingpuZones =
    [
        new("floor-1", ZoneKinds.ServiceFloor, "一楼服务区", 1200m),
        new("self", ZoneKinds.SelfService, "自助服务区", 40m),
        new("wc", ZoneKinds.Restroom, "公共厕所", 30m),
        new("iso", ZoneKinds.Isolation, "临时隔离区", 20m),
        new("meet", ZoneKinds.MeetingRoom, "会议室", 80m),
    ];

    private static SanitationHall Qingpu(string timeZone = "Asia/Shanghai", IReadOnlyList<HallZone>? zones = null, params OpeningHoursOverride[] overrides) => new(
        timeZone,
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WeeklyOpeningHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))],
        overrides,
        zones ?? QingpuZones);

    private static DateTimeOffset Local(DateOnly date, int hour, int minute) => new(date.ToDateTime(new TimeOnly(hour, minute)), Shanghai);

    private static readonly ScheduledMeeting[] Meetings =
    [
        new("m-morning", "meet", Local(Tuesday, 10, 0), Local(Tuesday, 11, 0)),
        new("m-afternoon", "meet", Local(Tuesday, 14, 0), Local(Tuesday, 14, 45)),
        // Another day's meeting makes no task on Tuesday.
        new("m-wednesday", "meet", Local(Tuesday.AddDays(1), 10, 0), Local(Tuesday.AddDays(1), 11, 0)),
    ];

    /// <summary>"zone rule meeting#occurrence HH:mm–HH:mm" in Shanghai time: formatting only, nothing computed.</summary>
    private static List<string> Lines(IEnumerable<DueTask> tasks, TimeSpan offset) => [.. tasks.Select(t =>
        string.Create(CultureInfo.InvariantCulture,
            $"{t.ZoneId} {t.RuleId} {t.MeetingId}#{t.Occurrence} {t.WindowStart.ToOffset(offset):HH:mm}–{t.WindowEnd.ToOffset(offset):HH:mm}"))
        .Order(StringComparer.Ordinal)];

    [Fact]
    public void A_Qingpu_weekday_with_two_meetings_makes_exactly_the_tasks_the_seeds_plan_implies()
    {
        var tasks = DueTaskSchedule.For(Qingpu(), Tuesday, SanitationPlanDefaults.Rules, Meetings);

        string[] expected =
        [
            // Service floor: public areas 3× over the hours, handrails and door handles 4×, covered bins 4×,
            // the whole hall twice before opening, at noon and after closing, aired 8:00–8:30, 12:00–14:00, 17:30–18:00.
            "floor-1 covered-bins #1 09:00–11:00",
            "floor-1 covered-bins #2 11:00–13:00",
            "floor-1 covered-bins #3 13:00–15:00",
            "floor-1 covered-bins #4 15:00–17:00",
            "floor-1 hall-full #1 07:00–07:30",
            "floor-1 hall-full #2 08:00–08:30",
            "floor-1 hall-full #3 12:00–12:30",
            "floor-1 hall-full #4 17:00–17:30",
            "floor-1 handrails-door-handles #1 09:00–11:00",
            "floor-1 handrails-door-handles #2 11:00–13:00",
            "floor-1 handrails-door-handles #3 13:00–15:00",
            "floor-1 handrails-door-handles #4 15:00–17:00",
            "floor-1 public-areas #1 09:00–11:40",
            "floor-1 public-areas #2 11:40–14:20",
            "floor-1 public-areas #3 14:20–17:00",
            "floor-1 public-ventilation #1 08:00–08:30",
            "floor-1 public-ventilation #2 12:00–14:00",
            "floor-1 public-ventilation #3 17:30–18:00",
            // Isolation room: every 2 hours around the clock.
            "iso isolation #1 00:00–02:00",
            "iso isolation #10 18:00–20:00",
            "iso isolation #11 20:00–22:00",
            "iso isolation #12 22:00–00:00",
            "iso isolation #2 02:00–04:00",
            "iso isolation #3 04:00–06:00",
            "iso isolation #4 06:00–08:00",
            "iso isolation #5 08:00–10:00",
            "iso isolation #6 10:00–12:00",
            "iso isolation #7 12:00–14:00",
            "iso isolation #8 14:00–16:00",
            "iso isolation #9 16:00–18:00",
            // Meeting room: 30 minutes before and after each of Tuesday's two meetings.
            "meet meeting-rooms m-afternoon#1 13:30–14:00",
            "meet meeting-rooms m-afternoon#2 14:45–15:15",
            "meet meeting-rooms m-morning#1 09:30–10:00",
            "meet meeting-rooms m-morning#2 11:00–11:30",
            // Self-service area: terminals every 2 hours of the opening hours; the whole-hall disinfection too.
            "self hall-full #1 07:00–07:30",
            "self hall-full #2 08:00–08:30",
            "self hall-full #3 12:00–12:30",
            "self hall-full #4 17:00–17:30",
            "self self-service-terminals #1 09:00–11:00",
            "self self-service-terminals #2 11:00–13:00",
            "self self-service-terminals #3 13:00–15:00",
            "self self-service-terminals #4 15:00–17:00",
            // Restroom: basins, floors and toilets 4×, covered bins 4×.
            "wc covered-bins #1 09:00–11:00",
            "wc covered-bins #2 11:00–13:00",
            "wc covered-bins #3 13:00–15:00",
            "wc covered-bins #4 15:00–17:00",
            "wc restrooms #1 09:00–11:00",
            "wc restrooms #2 11:00–13:00",
            "wc restrooms #3 13:00–15:00",
            "wc restrooms #4 15:00–17:00",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Lines(tasks, Shanghai));

        // Instants in UTC: Shanghai's midnight is 16:00 the day before.
        var first = tasks[0];
        Assert.Equal(("iso", "isolation", 1), (first.ZoneId, first.RuleId, first.Occurrence));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), first.WindowStart);
        Assert.Equal(TimeSpan.Zero, first.WindowStart.Offset);

        // In window order; what to do comes with each task.
        Assert.Equal(tasks.OrderBy(t => t.WindowStart).Select(t => t.WindowStart), tasks.Select(t => t.WindowStart));
        var terminals = tasks.First(t => t.RuleId == "self-service-terminals");
        Assert.Equal(("wipe", "alcohol", new Strength(75m, 75m, "%"), "terminals"), (terminals.Method, terminals.Agent, terminals.Strength, terminals.Target));
        var airing = tasks.First(t => t.RuleId == "public-ventilation" && t.Occurrence == 2);
        Assert.Equal(("ventilate", (string?)null, (Strength?)null, (int?)120), (airing.Method, airing.Agent, airing.Strength, airing.MinMinutes));
        Assert.All(tasks.Where(t => t.Agent == "chlorine"), t => Assert.Equal(new Strength(500m, 500m, "mg/L"), t.Strength));
    }

    [Fact]
    public void The_same_inputs_give_the_same_list_whatever_order_zones_and_meetings_come_in()
    {
        var once = DueTaskSchedule.For(Qingpu(), Tuesday, SanitationPlanDefaults.Rules, Meetings);
        var shuffled = DueTaskSchedule.For(Qingpu(zones: [.. QingpuZones.Reverse()]), Tuesday, [.. SanitationPlanDefaults.Rules.Reverse()], [.. Meetings.Reverse()]);
        Assert.Equal(once, shuffled);
    }

    [Fact]
    public void Offices_canteens_and_couriers_follow_their_rules_and_a_zone_no_rule_covers_gets_none()
    {
        var zones = new HallZone[]
        {
            new("office", ZoneKinds.Office, "后台办公室", 50m),
            new("canteen", ZoneKinds.Canteen, "餐厅", 100m),
            new("parking", ZoneKinds.Parking, "停车场", 500m),
        };
        var tasks = DueTaskSchedule.For(Qingpu(zones: zones), Tuesday, SanitationPlanDefaults.Rules, []);
        Assert.Equal(
            [
                "canteen canteen #1 09:00–13:00",
                "canteen canteen #2 13:00–17:00",
                "office office-ventilation #1 09:00–13:00",
                "office office-ventilation #2 13:00–17:00",
                "office offices #1 09:00–11:40",
                "office offices #2 11:40–14:20",
                "office offices #3 14:20–17:00",
            ],
            Lines(tasks, Shanghai));
        Assert.All(tasks.Where(t => t.RuleId == "office-ventilation"), t => Assert.Equal(30, t.MinMinutes));
    }

    [Fact]
    public void A_closed_day_has_only_the_around_the_clock_rules_and_its_meetings()
    {
        var sunday = new DateOnly(2026, 12, 6);
        ScheduledMeeting[] meetings = [new("m-sunday", "meet", Local(sunday, 9, 0), Local(sunday, 10, 0))];
        var tasks = DueTaskSchedule.For(Qingpu(), sunday, SanitationPlanDefaults.Rules, meetings);
        Assert.Equal(
            [
                "iso isolation #1 00:00–02:00", "iso isolation #10 18:00–20:00", "iso isolation #11 20:00–22:00", "iso isolation #12 22:00–00:00",
                "iso isolation #2 02:00–04:00", "iso isolation #3 04:00–06:00", "iso isolation #4 06:00–08:00", "iso isolation #5 08:00–10:00",
                "iso isolation #6 10:00–12:00", "iso isolation #7 12:00–14:00", "iso isolation #8 14:00–16:00", "iso isolation #9 16:00–18:00",
                "meet meeting-rooms m-sunday#1 08:30–09:00", "meet meeting-rooms m-sunday#2 10:00–10:30",
            ],
            Lines(tasks, Shanghai));

        // A weekday closed by an override is closed too.
        var closedTuesday = DueTaskSchedule.For(Qingpu(overrides: new OpeningHoursOverride(Tuesday, null, null, "停电")), Tuesday, SanitationPlanDefaults.Rules, []);
        Assert.Equal(12, closedTuesday.Count);
        Assert.All(closedTuesday, t => Assert.Equal("isolation", t.RuleId));
    }

    [Fact]
    public void A_Saturday_extension_plans_over_its_own_hours_and_cuts_the_last_window_at_closing()
    {
        var saturday = new DateOnly(2026, 12, 5);
        var hall = Qingpu(zones: [new("self", ZoneKinds.SelfService, "自助服务区", 40m), new("wc", ZoneKinds.Restroom, "公共厕所", 30m)],
            overrides: new OpeningHoursOverride(saturday, new TimeOnly(9, 0), new TimeOnly(12, 0), "周六延时服务"));
        var tasks = DueTaskSchedule.For(hall, saturday, SanitationPlanDefaults.Rules, []);
        Assert.Equal(
            [
                "self hall-full #1 07:00–07:30",
                "self hall-full #2 08:00–08:30",
                "self hall-full #3 12:00–12:30",
                "self hall-full #4 12:00–12:30",
                "self self-service-terminals #1 09:00–11:00",
                "self self-service-terminals #2 11:00–12:00",
                "wc covered-bins #1 09:00–09:45",
                "wc covered-bins #2 09:45–10:30",
                "wc covered-bins #3 10:30–11:15",
                "wc covered-bins #4 11:15–12:00",
                "wc restrooms #1 09:00–09:45",
                "wc restrooms #2 09:45–10:30",
                "wc restrooms #3 10:30–11:15",
                "wc restrooms #4 11:15–12:00",
            ],
            Lines(tasks, Shanghai));
    }

    [Fact]
    public void On_the_days_clocks_change_windows_keep_their_length_in_elapsed_time()
    {
        // New York: 2026-03-08 has 23 hours (02:00 EST → 03:00 EDT), 2026-11-01 has 25; the hall opens 09:00–17:00 on both by override.
        var spring = new DateOnly(2026, 3, 8);
        var autumn = new DateOnly(2026, 11, 1);
        var hall = Qingpu(
            "America/New_York",
            [new("iso", ZoneKinds.Isolation, "隔离室", 20m), new("self", ZoneKinds.SelfService, "自助服务区", 40m)],
            new OpeningHoursOverride(spring, new TimeOnly(9, 0), new TimeOnly(17, 0), null),
            new OpeningHoursOverride(autumn, new TimeOnly(9, 0), new TimeOnly(17, 0), null));

        static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);
        var springTasks = DueTaskSchedule.For(hall, spring, SanitationPlanDefaults.Rules, []);
        Assert.Equal(
            [
                (Utc(3, 8, 5), Utc(3, 8, 7)), (Utc(3, 8, 7), Utc(3, 8, 9)), (Utc(3, 8, 9), Utc(3, 8, 11)), (Utc(3, 8, 11), Utc(3, 8, 13)),
                (Utc(3, 8, 13), Utc(3, 8, 15)), (Utc(3, 8, 15), Utc(3, 8, 17)), (Utc(3, 8, 17), Utc(3, 8, 19)), (Utc(3, 8, 19), Utc(3, 8, 21)),
                (Utc(3, 8, 21), Utc(3, 8, 23)), (Utc(3, 8, 23), Utc(3, 9, 1)), (Utc(3, 9, 1), Utc(3, 9, 3)), (Utc(3, 9, 3), Utc(3, 9, 4)),
            ],
            springTasks.Where(t => t.RuleId == "isolation").Select(t => (t.WindowStart, t.WindowEnd)));
        // 09:00 EDT is 13:00 UTC.
        Assert.Equal(
            [(Utc(3, 8, 13), Utc(3, 8, 15)), (Utc(3, 8, 15), Utc(3, 8, 17)), (Utc(3, 8, 17), Utc(3, 8, 19)), (Utc(3, 8, 19), Utc(3, 8, 21))],
            springTasks.Where(t => t.RuleId == "self-service-terminals").Select(t => (t.WindowStart, t.WindowEnd)));

        var autumnTasks = DueTaskSchedule.For(hall, autumn, SanitationPlanDefaults.Rules, []);
        var isolation = autumnTasks.Where(t => t.RuleId == "isolation").ToList();
        Assert.Equal(13, isolation.Count);
        Assert.Equal((Utc(11, 1, 4), Utc(11, 1, 6)), (isolation[0].WindowStart, isolation[0].WindowEnd));
        Assert.Equal((Utc(11, 2, 4), Utc(11, 2, 5)), (isolation[^1].WindowStart, isolation[^1].WindowEnd));
        // 09:00 EST is 14:00 UTC; the hall-full rule's "2 hours before opening" is 07:00 local, 12:00 UTC.
        Assert.Equal(Utc(11, 1, 14), autumnTasks.First(t => t.RuleId == "self-service-terminals").WindowStart);
        Assert.Equal(Utc(11, 1, 12), autumnTasks.First(t => t.RuleId == "hall-full").WindowStart);
    }

    [Fact]
    public void A_rule_for_named_zones_covers_only_those()
    {
        SanitationRule[] rules =
        [
            new("floor-1-only", RuleKinds.TimesPerDay, [ZoneKinds.ServiceFloor], ["floor-1"], "surfaces", Methods.Wipe, Agents.Chlorine,
                SanitationPlanDefaults.Chlorine, TimesPerDay: 1),
        ];
        var hall = Qingpu(zones: [new("floor-1", ZoneKinds.ServiceFloor, "一楼", 100m), new("floor-2", ZoneKinds.ServiceFloor, "二楼", 100m)]);
        Assert.Equal(["floor-1 floor-1-only #1 09:00–17:00"], Lines(DueTaskSchedule.For(hall, Tuesday, rules, []), Shanghai));
    }
}
