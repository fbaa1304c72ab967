using CivicHall.Contracts.Halls.V1;
using CivicHall.Sanitation;
using CivicHall.Sanitation.Occupation;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;

namespace CivicHall.UnitTests.Sanitation;

/// <summary>
/// The pure parts of issue 18's occupancy rules: visitors counted from occupancy's running <c>Entered</c> (which may
/// start again), the threshold, the isolation area's windows marked "while occupied", and a window brought forward
/// kept by regeneration.
/// </summary>
public sealed class OccupationRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static ZoneOccupancyState Zone(long entered) => new()
    {
        HallId = "h",
        ZoneId = "floor-1",
        ZoneKind = ZoneKinds.ServiceFloor,
        Sequence = 1,
        Entered = entered,
        FirstSeenAt = At,
        UpdatedAt = At,
    };

    [Fact]
    public void Visitors_are_the_differences_of_occupancys_running_count_of_entries()
    {
        var zone = Zone(entered: 40);
        Assert.Equal(7, zone.Apply(2, count: 5, entered: 47, ZoneKinds.ServiceFloor, At.AddMinutes(1)));
        Assert.Equal(0, zone.Apply(3, count: 2, entered: 47, ZoneKinds.ServiceFloor, At.AddMinutes(2))); // people left: nobody received
        Assert.Equal((7L, 47L, 2, 3L), (zone.Visitors, zone.Entered, zone.Count, zone.Sequence));
    }

    [Fact]
    public void A_running_count_that_starts_again_counts_from_zero()
    {
        var zone = Zone(entered: 40);
        Assert.Equal(3, zone.Apply(2, count: 3, entered: 3, ZoneKinds.ServiceFloor, At.AddMinutes(1)));
        Assert.Equal(3, zone.Visitors);
    }

    [Theory]
    [InlineData(105, 100, 5, true)]
    [InlineData(104, 100, 5, false)]
    [InlineData(5, 0, 5, true)]
    public void The_threshold_counts_visitors_since_the_last_record(long visitors, long baseline, int threshold, bool reached) =>
        Assert.Equal(reached, VisitorBaselines.Reached(visitors, baseline, threshold));

    [Fact]
    public void Only_the_around_the_clock_windows_apply_while_occupied()
    {
        var hall = new SanitationHall("Asia/Shanghai",
            [new WeeklyOpeningHours(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(17, 0))], [],
            [new HallZone("iso", ZoneKinds.Isolation, "临时隔离区", 20m), new HallZone("self", ZoneKinds.SelfService, "自助服务区", 40m)]);
        var tasks = DueTaskSchedule.For(hall, new DateOnly(2026, 12, 1), SanitationPlanDefaults.Rules, []);
        Assert.Equal(12, tasks.Count(t => t.WhileOccupied));
        Assert.All(tasks, t => Assert.Equal(t.RuleId == "isolation", t.WhileOccupied));
    }

    [Fact]
    public void Regeneration_keeps_a_window_brought_forward_and_refreshes_the_rest()
    {
        var planned = new DueTask("floor-1", ZoneKinds.ServiceFloor, "public-areas", RuleKinds.TimesPerDay, string.Empty, 2, At.AddHours(2), At.AddHours(4),
            Methods.Wipe, Agents.Chlorine, SanitationPlanDefaults.Chlorine, "surfaces", null);
        var task = new SanitationTask { HallId = "h", ZoneId = "floor-1", RuleId = "public-areas", MeetingId = string.Empty };
        task.Refresh(planned, 1);
        (task.WindowStart, task.WindowEnd, task.BroughtForwardAt) = (At, At.AddHours(2), At);

        Assert.False(task.Refresh(planned, 1));
        Assert.Equal((At, At.AddHours(2)), (task.WindowStart, task.WindowEnd));
        Assert.True(task.Refresh(planned with { Method = Methods.Spray }, 2));
        Assert.Equal((At, Methods.Spray, 2), (task.WindowStart, task.Method, task.PlanVersion));
    }
}
