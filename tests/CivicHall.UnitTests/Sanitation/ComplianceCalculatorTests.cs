using CivicHall.Sanitation.Compliance;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;

namespace CivicHall.UnitTests.Sanitation;

/// <summary>How a hall-day's tasks and airing records add up, each task counted once.</summary>
public sealed class ComplianceCalculatorTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);

    private static TaskFact Task(
        string zoneKind, TaskState state, int endsMinutesAfterNoon, string ruleKind = RuleKinds.TimesPerDay, int? minMinutes = null, int lengthMinutes = 60, bool whileOccupied = false) =>
        new(zoneKind, ruleKind, state, Noon.AddMinutes(endsMinutesAfterNoon - lengthMinutes), Noon.AddMinutes(endsMinutesAfterNoon), minMinutes, whileOccupied);

    [Fact]
    public void Each_task_counts_once_and_a_due_task_past_its_window_and_grace_counts_missed()
    {
        var figures = ComplianceCalculator.Compute(
            [
                Task("restroom", TaskState.Done, -120),
                Task("restroom", TaskState.Late, -120),
                Task("restroom", TaskState.Missed, -120),
                Task("restroom", TaskState.Due, -31), // ended 31 minutes before noon: past a 30-minute grace
                Task("restroom", TaskState.Due, -30), // exactly at the grace: still open
                Task("restroom", TaskState.Due, 60),
                Task("restroom", TaskState.Recorded, -300), // a terminal disinfection awaiting its confirmation
                Task("restroom", TaskState.Due, -120, RuleKinds.Every, whileOccupied: true), // not judged yet: the room may have stood empty
                Task("restroom", TaskState.Skipped, -120),
            ],
            [],
            missedBefore: Noon.AddMinutes(-30));

        var restroom = Assert.Single(figures.ZoneKinds);
        Assert.Equal("restroom", restroom.ZoneKind);
        Assert.Equal(new TaskFigures(8, 1, 1, 2, 4, 1, 0, 0), restroom.Tasks);
        Assert.Equal(restroom.Tasks, figures.Totals);
        Assert.Equal(0.125m, figures.Totals.OnTimeRate);
    }

    [Fact]
    public void Airing_adds_whole_minutes_recorded_against_minutes_planned_by_minimum_or_whole_window()
    {
        var figures = ComplianceCalculator.Compute(
            [
                Task("office", TaskState.Due, 600, RuleKinds.Ventilation, minMinutes: 30, lengthMinutes: 240),
                Task("office", TaskState.Done, 0, RuleKinds.Ventilation, minMinutes: 30, lengthMinutes: 240),
                Task("service_floor", TaskState.Done, 120, RuleKinds.Ventilation, lengthMinutes: 120), // a fixed 12:00–14:00 window
                Task("service_floor", TaskState.Skipped, 600, RuleKinds.Ventilation, lengthMinutes: 30), // skipped: not planned
            ],
            [
                new AiringFact("office", Noon, Noon.AddMinutes(30).AddSeconds(59)),
                new AiringFact("service_floor", Noon, Noon.AddMinutes(100)),
                new AiringFact("service_floor", Noon.AddMinutes(10), Noon), // ends before it starts: counts nothing
            ],
            missedBefore: Noon);

        Assert.Equal(["office", "service_floor"], figures.ZoneKinds.Select(k => k.ZoneKind));
        Assert.Equal((30, 60), (figures.ZoneKinds[0].Tasks.VentilationMinutes, figures.ZoneKinds[0].Tasks.VentilationPlannedMinutes));
        Assert.Equal((100, 120), (figures.ZoneKinds[1].Tasks.VentilationMinutes, figures.ZoneKinds[1].Tasks.VentilationPlannedMinutes));
        Assert.Equal((130, 180, 3, 1), (figures.Totals.VentilationMinutes, figures.Totals.VentilationPlannedMinutes, figures.Totals.Planned, figures.Totals.Skipped));
    }

    [Fact]
    public void A_day_without_tasks_has_no_rate()
    {
        var figures = ComplianceCalculator.Compute([], [], Noon);
        Assert.Empty(figures.ZoneKinds);
        Assert.Null(figures.Totals.OnTimeRate);
    }
}
