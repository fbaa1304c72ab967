using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Tasks;
using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// Issue 18's rules that need occupancy's counts, with <c>OccupancyChanged</c> published on the broker as occupancy
/// would (sequences far above what occupancy's own announcement of the new hall carries, so that one never wins):
/// the isolation area's windows apply only while it held someone, and a zone's visitors bring its next task forward.
/// Sanitation's clock moves forward only (from Tuesday 2026-12-01 08:00 Shanghai, 00:00 UTC); each test has its halls.
/// </summary>
public sealed class SanitationOccupancyTests(SanitationSystemFixture fixture) : IClassFixture<SanitationSystemFixture>
{
    private const string Today = "2026-12-01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(int hour, int minute) => new(2026, 12, 1, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Shanghai time on the night before Tuesday 08:00, in UTC (Monday 16:00 UTC is Tuesday 00:00 Shanghai).</summary>
    private static DateTimeOffset Night(int hour, int minute) => new(2026, 11, 30, 16 + hour, minute, 0, TimeSpan.Zero);

    private async Task PublishAsync(string hallId, long sequence, DateTimeOffset at, params (string ZoneId, string Kind, int Count, long Entered)[] zones)
    {
        await fixture.PublishAsync(new OccupancyChanged(hallId, sequence, zones.Sum(z => z.Count), 500, 0, 0, 0, null,
            [.. zones.Select(z => new ZoneOccupancy(z.ZoneId, z.Kind, z.Count, 20, "open", z.Entered))], at));
        await Eventually.UntilAsync(() => fixture.System.QueryAsync<SanitationDbContext, long?>(CivicHallSystem.Sanitation,
                db => db.ZoneOccupancies.Where(z => z.HallId == hallId).MaxAsync(z => (long?)z.Sequence, Ct)),
            applied => applied >= sequence, because: $"sanitation should apply occupancy sequence {sequence} of {hallId}");
    }

    private Task<List<SanitationTask>> TasksAsync(string hallId, string zoneId) => fixture.System.QueryAsync<SanitationDbContext, List<SanitationTask>>(
        CivicHallSystem.Sanitation, db => db.Tasks.AsNoTracking()
            .Where(t => t.HallId == hallId && t.LocalDate == SanitationSystemFixture.Tuesday && t.ZoneId == zoneId).OrderBy(t => t.Occurrence).ToListAsync(Ct));

    private async Task<List<Guid>> OverdueAsync(string hallId)
    {
        var type = IntegrationEventTypes.NameOf(typeof(SanitationTaskOverdue));
        var rows = await fixture.System.QueryAsync<SanitationDbContext, List<OutboxMessage>>(CivicHallSystem.Sanitation,
            db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == type).ToListAsync(Ct));
        return [.. rows.Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Where(e => e.GetProperty("hallId").GetString() == hallId && e.GetProperty("level").GetString() == SanitationTaskOverdue.Overdue)
            .Select(e => e.GetProperty("taskId").GetGuid())];
    }

    private static async Task<List<JsonElement>> BoardAsync(HttpClient client, string hallId, string zoneId)
    {
        var (status, _, board) = await SendAsync(client.GetAsync($"/api/v1/halls/{hallId}/sanitation/tasks?date={Today}&zoneId={zoneId}&limit=200", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. board.GetProperty("tasks").EnumerateArray()];
    }

    [Fact]
    public async Task The_isolation_rooms_windows_in_which_it_stood_empty_are_skipped_and_only_an_occupied_one_is_overdue()
    {
        await fixture.AddHallAsync("iso-night");
        // Empty from Monday evening; someone isolated 02:00–03:00 Shanghai; empty again after.
        await PublishAsync("iso-night", 1_000_001, Night(-4, 0), ("iso", "isolation", 0, 0));
        await PublishAsync("iso-night", 1_000_002, Night(2, 0), ("iso", "isolation", 1, 1));
        await PublishAsync("iso-night", 1_000_003, Night(3, 0), ("iso", "isolation", 0, 1));
        using var staff = fixture.Client(Roles.SanitationStaff);
        Assert.NotEmpty(await BoardAsync(staff, "iso-night", "iso"));
        var sweep = fixture.System[CivicHallSystem.Sanitation].Services.GetRequiredService<OverdueSweep>();

        // 08:31 Shanghai: the windows up to 06:00–08:00 are past their grace (30 min).
        fixture.AdvanceTo(Utc(0, 31));
        await sweep.SweepOnceAsync(Ct);
        var night = (await TasksAsync("iso-night", "iso")).Take(4).ToList();
        Assert.Equal(
            [(1, TaskState.Skipped, SkipReasons.ZoneUnoccupied), (2, TaskState.Missed, null), (3, TaskState.Skipped, SkipReasons.ZoneUnoccupied),
             (4, TaskState.Skipped, SkipReasons.ZoneUnoccupied)],
            night.Select(t => (t.Occurrence, t.State, t.SkipReason)));
        Assert.All(night, t => Assert.True(t.WhileOccupied));
        var isoOverdue = (await OverdueAsync("iso-night")).Intersect((await TasksAsync("iso-night", "iso")).Select(t => t.Id)).ToList();
        Assert.Equal([night[1].Id], isoOverdue);

        // Later passes and a new generation of the day leave the empty windows skipped: never overdue, never due again.
        using (var scope = fixture.System[CivicHallSystem.Sanitation].Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<TaskDays>().RegenerateAsync("iso-night", SanitationSystemFixture.Tuesday, Ct);
        }

        fixture.AdvanceTo(Utc(0, 45));
        await sweep.SweepOnceAsync(Ct);
        var again = (await TasksAsync("iso-night", "iso")).Take(4).ToList();
        Assert.Equal(night.Select(t => (t.Id, t.State)), again.Select(t => (t.Id, t.State)));
        Assert.Equal([night[1].Id], (await OverdueAsync("iso-night")).Intersect(again.Select(t => t.Id)));
        var shown = (await BoardAsync(staff, "iso-night", "iso")).First();
        Assert.Equal(("skipped", "zone_unoccupied"), (shown.GetProperty("state").GetString(), shown.GetProperty("skipReason").GetString()));

        // Stretches of occupation are kept a week after they end: closing one on 12-09 drops the night's.
        await PublishAsync("iso-night", 1_000_004, new DateTimeOffset(2026, 12, 9, 1, 0, 0, TimeSpan.Zero), ("iso", "isolation", 1, 2));
        await PublishAsync("iso-night", 1_000_005, new DateTimeOffset(2026, 12, 9, 2, 0, 0, TimeSpan.Zero), ("iso", "isolation", 0, 2));
        var kept = await fixture.System.QueryAsync<SanitationDbContext, List<DateTimeOffset>>(CivicHallSystem.Sanitation,
            db => db.ZoneOccupations.Where(o => o.HallId == "iso-night").Select(o => o.From).ToListAsync(Ct));
        Assert.Equal([new DateTimeOffset(2026, 12, 9, 1, 0, 0, TimeSpan.Zero)], kept.Select(k => k.ToUniversalTime()));
    }

    [Fact]
    public async Task Visitors_bring_a_zones_next_task_forward_and_a_record_counts_them_again_from_zero()
    {
        fixture.AdvanceTo(Utc(1, 30)); // 09:30 Shanghai
        await fixture.AddHallAsync("busy-hall");
        using var ops = fixture.Client(Roles.Ops);
        var (planned, _, _) = await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/busy-hall/sanitation/plan", new
        {
            rules = new object[]
            {
                new { ruleId = "floor-wipe", kind = "timesPerDay", zoneKinds = new[] { "service_floor" }, method = "wipe", agent = "chlorine", timesPerDay = 4, bringForwardAfterVisitors = 5 },
            },
        }, Ct));
        Assert.Equal(HttpStatusCode.Created, planned);
        using var staff = fixture.GatewayClient("staff-wang", Roles.SanitationStaff);
        var planned4 = (await BoardAsync(staff, "busy-hall", "floor-1")).Select(t => (t.GetProperty("taskId").GetGuid(), t.GetProperty("windowStart").GetDateTimeOffset())).ToList();
        Assert.Equal([Utc(1, 0), Utc(3, 0), Utc(5, 0), Utc(7, 0)], planned4.Select(t => t.Item2)); // 09:00, 11:00, 13:00, 15:00 Shanghai

        async Task<List<(Guid Id, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? BroughtForwardAt)>> WindowsAsync() =>
            [.. (await TasksAsync("busy-hall", "floor-1")).Select(t => (t.Id, t.WindowStart.ToUniversalTime(), t.WindowEnd.ToUniversalTime(), t.BroughtForwardAt))];

        async Task RecordAsync(Guid taskId, DateTimeOffset started, DateTimeOffset ended)
        {
            var (status, code, _) = await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/busy-hall/sanitation/records", new
            {
                recordId = Guid.NewGuid(),
                taskId,
                zoneId = "floor-1",
                method = "wipe",
                agent = "chlorine",
                strength = 500m,
                startedAt = started,
                endedAt = ended,
            }, Ct));
            Assert.True(status == HttpStatusCode.Created, $"{status} {code}");
        }

        // Six visitors while the 09:00–11:00 task is open: the zone is due already, nothing moves.
        await PublishAsync("busy-hall", 1_000_001, Utc(1, 0), ("floor-1", "service_floor", 0, 0));
        await PublishAsync("busy-hall", 1_000_002, Utc(1, 29), ("floor-1", "service_floor", 6, 6));
        var before = await WindowsAsync();
        Assert.All(before, t => Assert.Null(t.BroughtForwardAt));
        Assert.Equal(planned4.Select(t => t.Item2), before.Select(t => t.Start));

        // The record of it counts again from 6: four more are not enough, the fifth brings 11:00–13:00 forward to now.
        fixture.AdvanceTo(Utc(1, 45));
        await RecordAsync(before[0].Id, Utc(1, 32), Utc(1, 40));
        fixture.AdvanceTo(Utc(2, 0));
        await PublishAsync("busy-hall", 1_000_003, Utc(1, 59), ("floor-1", "service_floor", 8, 10));
        Assert.Equal(before, await WindowsAsync());
        fixture.AdvanceTo(Utc(2, 5));
        await PublishAsync("busy-hall", 1_000_004, Utc(2, 4), ("floor-1", "service_floor", 9, 11));
        var moved = await WindowsAsync();
        Assert.Equal((before[1].Id, Utc(2, 5), Utc(4, 5), (DateTimeOffset?)Utc(2, 5)), moved[1]); // same task, starts now, keeps its 2 hours
        Assert.Equal(before.Skip(2), moved.Skip(2));

        // More visitors, the same event again, a generation of the day: the open task stays as it is, the next is not touched.
        await PublishAsync("busy-hall", 1_000_005, Utc(2, 6), ("floor-1", "service_floor", 20, 30));
        await PublishAsync("busy-hall", 1_000_004, Utc(2, 4), ("floor-1", "service_floor", 9, 11));
        using (var scope = fixture.System[CivicHallSystem.Sanitation].Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<TaskDays>().RegenerateAsync("busy-hall", SanitationSystemFixture.Tuesday, Ct);
        }

        Assert.Equal(moved, await WindowsAsync());
        var shown = (await BoardAsync(staff, "busy-hall", "floor-1")).Single(t => t.GetProperty("taskId").GetGuid() == before[1].Id);
        Assert.Equal(Utc(2, 5), shown.GetProperty("broughtForwardAt").GetDateTimeOffset());

        // Its record counts again from 30: 4 more nothing, the 5th brings 13:00–15:00 forward.
        fixture.AdvanceTo(Utc(2, 20));
        await RecordAsync(before[1].Id, Utc(2, 10), Utc(2, 18));
        await PublishAsync("busy-hall", 1_000_006, Utc(2, 25), ("floor-1", "service_floor", 20, 34));
        Assert.Equal(moved.Skip(2), (await WindowsAsync()).Skip(2));
        fixture.AdvanceTo(Utc(2, 30));
        await PublishAsync("busy-hall", 1_000_007, Utc(2, 29), ("floor-1", "service_floor", 21, 35));
        var third = (await WindowsAsync())[2];
        Assert.Equal((before[2].Id, Utc(2, 30), Utc(4, 30)), (third.Id, third.Start, third.End));
        Assert.Equal(before[3], (await WindowsAsync())[3]);
    }

    [Fact]
    public async Task Bringing_forward_after_visitors_is_refused_when_bad_or_on_another_kind_of_rule()
    {
        await fixture.AddHallAsync("bf-bad-hall");
        using var ops = fixture.Client(Roles.Ops);
        var cases = new (object Rule, string Field)[]
        {
            (new { ruleId = "r", kind = "timesPerDay", zoneKinds = new[] { "service_floor" }, method = "wipe", agent = "chlorine", timesPerDay = 3, bringForwardAfterVisitors = 0 },
                "rules[0].bringForwardAfterVisitors"),
            (new { ruleId = "r", kind = "every", zoneKinds = new[] { "self_service" }, method = "wipe", agent = "alcohol", everyHours = 2, bringForwardAfterVisitors = 100_001 },
                "rules[0].bringForwardAfterVisitors"),
            (new { ruleId = "r", kind = "aroundMeetings", zoneKinds = new[] { "meeting_room" }, method = "wipe", agent = "chlorine", bringForwardAfterVisitors = 10 },
                "rules[0].bringForwardAfterVisitors"),
        };
        foreach (var (rule, field) in cases)
        {
            var (status, code, problem) = await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/bf-bad-hall/sanitation/plan", new { rules = new[] { rule } }, Ct));
            Assert.True(status == HttpStatusCode.BadRequest && code == "validation_failed", $"{field}: {status} {code}");
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        var (_, _, view) = await SendAsync(ops.GetAsync("/api/v1/halls/bf-bad-hall/sanitation/plan", Ct));
        Assert.Equal(0, view.GetProperty("current").GetProperty("version").GetInt32());
    }
}
