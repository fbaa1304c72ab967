using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Tasks;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// The overdue sweep on sanitation's test clock (its own system: the clock moves through the day): a task
/// past its window and grace is missed and raises one <c>SanitationTaskOverdue</c>; a further interval
/// later one escalation per hall per cool-down, the held-back ones counted in the next.
/// </summary>
public sealed class SanitationOverdueTests(SanitationSystemFixture fixture) : IClassFixture<SanitationSystemFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(int hour, int minute) => new(2026, 12, 1, hour, minute, 0, TimeSpan.Zero);

    private sealed record Raised(Guid TaskId, string Level, int Suppressed);

    private async Task<List<Raised>> RaisedAsync(string hallId)
    {
        var type = IntegrationEventTypes.NameOf(typeof(SanitationTaskOverdue));
        var rows = await fixture.System.QueryAsync<SanitationDbContext, List<OutboxMessage>>(CivicHallSystem.Sanitation,
            db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == type).ToListAsync(Ct));
        return [.. rows.Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Where(e => e.GetProperty("hallId").GetString() == hallId)
            .Select(e => new Raised(e.GetProperty("taskId").GetGuid(), e.GetProperty("level").GetString()!, e.GetProperty("suppressedEscalations").GetInt32()))];
    }

    private Task<List<SanitationTask>> TasksAsync(string hallId) => fixture.System.QueryAsync<SanitationDbContext, List<SanitationTask>>(
        CivicHallSystem.Sanitation, db => db.Tasks.AsNoTracking().Where(t => t.HallId == hallId && t.LocalDate == SanitationSystemFixture.Tuesday).ToListAsync(Ct));

    [Fact]
    public async Task An_overdue_task_raises_exactly_one_overdue_event_and_the_hall_one_escalation_per_cool_down()
    {
        await fixture.AddHallAsync("late-hall");
        // The isolation room held someone all night and morning (its windows apply only while occupied: SanitationOccupancyTests).
        await fixture.PublishAsync(new OccupancyChanged("late-hall", 1_000_001, 0, 500, 0, 0, 0, null,
            [new ZoneOccupancy("iso", "isolation", 1, 20, "open", 1)], new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)));
        await Eventually.UntilAsync(() => fixture.System.QueryAsync<SanitationDbContext, bool>(CivicHallSystem.Sanitation,
            db => db.ZoneOccupancies.AnyAsync(z => z.HallId == "late-hall" && z.ZoneId == "iso" && z.Sequence == 1_000_001, Ct)), seen => seen);
        using var staff = fixture.Client(Roles.SanitationStaff);
        (await staff.GetAsync("/api/v1/halls/late-hall/sanitation/tasks?date=2026-12-01", Ct)).EnsureSuccessStatusCode();
        var sweep = fixture.System[CivicHallSystem.Sanitation].Services.GetRequiredService<OverdueSweep>();

        // 11:00 Shanghai: what ended before 10:30 (grace 30 min) is missed — the isolation area's windows up to
        // 08:00–10:00, the two early whole-area sprays of floor, queue and self-service, the 08:00–08:30 airing.
        fixture.AdvanceTo(Utc(3, 0));
        await sweep.SweepOnceAsync(Ct);
        var tasks = await TasksAsync("late-hall");
        var missed = tasks.Where(t => t.State == TaskState.Missed).ToList();
        Assert.Equal(
            ["floor-1 hall-full 1", "floor-1 hall-full 2", "floor-1 public-ventilation 1", "iso isolation 1", "iso isolation 2", "iso isolation 3", "iso isolation 4",
             "iso isolation 5", "queue hall-full 1", "queue hall-full 2", "self hall-full 1", "self hall-full 2"],
            missed.Select(t => $"{t.ZoneId} {t.RuleId} {t.Occurrence}").Order(StringComparer.Ordinal));
        Assert.All(tasks.Where(t => t.State == TaskState.Due), t => Assert.True(t.WindowEnd.AddMinutes(30) >= Utc(3, 0)));
        var raised = await RaisedAsync("late-hall");
        Assert.Equal(missed.Select(t => t.Id).Order(), raised.Select(r => r.TaskId).Order()); // one each, no more
        Assert.All(raised, r => Assert.Equal(SanitationTaskOverdue.Overdue, r.Level));

        // Again, and a minute later: nothing new.
        Assert.Equal(0, await sweep.SweepOnceAsync(Ct));
        fixture.AdvanceTo(Utc(3, 1));
        await sweep.SweepOnceAsync(Ct);
        Assert.Equal(12, (await RaisedAsync("late-hall")).Count);

        // 30 minutes after they were overdue: one escalation for the hall; the other eleven held back by the cool-down.
        fixture.AdvanceTo(Utc(3, 31));
        await sweep.SweepOnceAsync(Ct);
        await sweep.SweepOnceAsync(Ct);
        var escalated = (await RaisedAsync("late-hall")).Where(r => r.Level == SanitationTaskOverdue.Escalated).ToList();
        var first = Assert.Single(escalated);
        Assert.Equal(0, first.Suppressed);
        var afterFirst = await TasksAsync("late-hall");
        Assert.Equal((12, 11), (afterFirst.Count(t => t.EscalatedAt is not null), afterFirst.Count(t => t.EscalationSuppressed)));
        Assert.False(afterFirst.Single(t => t.Id == first.TaskId).EscalationSuppressed);

        // That pass also found the tasks that ended at 11:00 Shanghai (the self-service 09:00–11:00 window among them)
        // overdue; 30 minutes later, past the cool-down, the next escalation carries the eleven held back, and the
        // rest of that batch is held back in turn.
        var missedLater = (await TasksAsync("late-hall")).Where(t => t.OverdueAt == Utc(3, 31)).ToList();
        Assert.Contains(missedLater, t => t.ZoneId == "self" && t.RuleId == "self-service-terminals" && t.Occurrence == 1);
        Assert.All(missedLater, t => Assert.Equal((TaskState.Missed, null), (t.State, t.EscalatedAt)));
        fixture.AdvanceTo(Utc(4, 10));
        await sweep.SweepOnceAsync(Ct);
        await sweep.SweepOnceAsync(Ct);
        var all = await RaisedAsync("late-hall");
        escalated = [.. all.Where(r => r.Level == SanitationTaskOverdue.Escalated)];
        Assert.Equal(2, escalated.Count);
        var second = escalated.Single(r => r.TaskId != first.TaskId);
        Assert.Equal(11, second.Suppressed);
        Assert.Contains(second.TaskId, missedLater.Select(t => t.Id));
        var overdue = all.Where(r => r.Level == SanitationTaskOverdue.Overdue).ToList();
        Assert.Equal(overdue.Count, overdue.Select(r => r.TaskId).Distinct().Count());
        var final = await TasksAsync("late-hall");
        Assert.Equal(final.Count(t => t.OverdueAt is not null), overdue.Count);
        Assert.Equal(12 + missedLater.Count - 2, final.Count(t => t.EscalationSuppressed));
    }
}
