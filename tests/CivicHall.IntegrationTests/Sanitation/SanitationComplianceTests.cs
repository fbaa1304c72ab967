using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Compliance;
using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Tasks;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// A hall-day's compliance and its close on sanitation's test clock: the Qingpu-like hall of the fixture
/// (weekdays 09:00–17:00; queue, service floor, self-service, isolation, meeting room without meetings,
/// restroom) under the default plan. Expected figures are counted by hand from the plan's rules.
/// </summary>
public sealed class SanitationComplianceTests(SanitationSystemFixture fixture) : IClassFixture<SanitationSystemFixture>
{
    private const string Today = "2026-12-01";
    private const string Hash = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(int day, int hour, int minute) => new(2026, 12, day, hour, minute, 0, TimeSpan.Zero);

    private static async Task<List<JsonElement>> BoardAsync(HttpClient client, string hallId)
    {
        var (status, _, board) = await SanitationAnswers.SendAsync(client.GetAsync($"/api/v1/halls/{hallId}/sanitation/tasks?date={Today}&limit=200", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. board.GetProperty("tasks").EnumerateArray()];
    }

    private static Guid TaskOf(List<JsonElement> board, string zoneId, string ruleId, int occurrence) => board
        .Single(t => t.GetProperty("zoneId").GetString() == zoneId && t.GetProperty("ruleId").GetString() == ruleId && t.GetProperty("occurrence").GetInt32() == occurrence)
        .GetProperty("taskId").GetGuid();

    private static object Record(Guid? taskId, string zoneId, DateTimeOffset startedAt, DateTimeOffset endedAt, string method, string? agent, decimal? strength) =>
        new { recordId = Guid.NewGuid(), taskId, zoneId, method, agent, strength, startedAt, endedAt, evidence = Hash };

    /// <summary>A zone kind's figures as (planned, done on time, late, missed, open, skipped, airing minutes, planned airing minutes).</summary>
    private static (int, int, int, int, int, int, int, int) Figures(JsonElement figures) => (
        figures.GetProperty("planned").GetInt32(), figures.GetProperty("doneOnTime").GetInt32(), figures.GetProperty("late").GetInt32(),
        figures.GetProperty("missed").GetInt32(), figures.GetProperty("open").GetInt32(), figures.GetProperty("skipped").GetInt32(),
        figures.GetProperty("ventilationMinutes").GetInt32(), figures.GetProperty("ventilationPlannedMinutes").GetInt32());

    private static Dictionary<string, (int, int, int, int, int, int, int, int)> ByKind(JsonElement view) =>
        view.GetProperty("zoneKinds").EnumerateArray().ToDictionary(k => k.GetProperty("zoneKind").GetString()!, k => Figures(k.GetProperty("tasks")), StringComparer.Ordinal);

    private async Task<List<JsonElement>> ClosedEventsAsync(string hallId)
    {
        var type = IntegrationEventTypes.NameOf(typeof(SanitationDayClosed));
        var rows = await fixture.System.QueryAsync<SanitationDbContext, List<OutboxMessage>>(CivicHallSystem.Sanitation,
            db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == type).ToListAsync(Ct));
        return [.. rows.Select(m => JsonDocument.Parse(m.Payload).RootElement.Clone()).Where(e => e.GetProperty("hallId").GetString() == hallId)];
    }

    [Fact]
    public async Task A_day_counts_its_tasks_by_zone_kind_as_the_plan_implies_and_closes_once_after_midnight_and_grace()
    {
        await fixture.AddHallAsync("comp-hall");
        // The isolation room held someone all day (its windows apply only while occupied): all twelve are due.
        await fixture.PublishAsync(new OccupancyChanged("comp-hall", 1_000_001, 0, 500, 0, 0, 0, null,
            [new ZoneOccupancy("iso", "isolation", 1, 20, "open", 1)], new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)));
        await Eventually.UntilAsync(() => fixture.System.QueryAsync<SanitationDbContext, bool>(CivicHallSystem.Sanitation,
            db => db.ZoneOccupancies.AnyAsync(z => z.HallId == "comp-hall" && z.ZoneId == "iso" && z.Sequence == 1_000_001, Ct)), seen => seen);
        // 14:00 Shanghai.
        fixture.AdvanceTo(Utc(1, 6, 0));
        using var staff = fixture.GatewayClient("staff-wang", Roles.SanitationStaff);
        var board = await BoardAsync(staff, "comp-hall");

        // The 12:00–14:00 airing of the service floor, 90 minutes of it, on time; the restrooms' 09:00–11:00 spray, late (ended 13:00).
        var airing = Record(TaskOf(board, "floor-1", "public-ventilation", 2), "floor-1", Utc(1, 4, 0), Utc(1, 5, 30), "ventilate", null, null);
        Assert.Equal(HttpStatusCode.Created, (await SanitationAnswers.SendAsync(staff.PostAsJsonAsync("/api/v1/halls/comp-hall/sanitation/records", airing, Ct))).Status);
        var restroom = Record(TaskOf(board, "wc", "restrooms", 1), "wc", Utc(1, 4, 40), Utc(1, 5, 0), "spray", "chlorine", 500m);
        Assert.Equal(HttpStatusCode.Created, (await SanitationAnswers.SendAsync(staff.PostAsJsonAsync("/api/v1/halls/comp-hall/sanitation/records", restroom, Ct))).Status);
        // A medical-waste bag from the isolation room, not yet handed over: open.
        Assert.Equal(HttpStatusCode.Created, (await SanitationAnswers.SendAsync(staff.PutAsJsonAsync("/api/v1/halls/comp-hall/sanitation/waste-bags/iso-bag-1", new { zoneId = "iso" }, Ct))).Status);

        // At 14:00 the service floor (18 tasks: public areas 3 — 09:00–11:40, 11:40–14:20, 14:20–17:00; handrails 4 and
        // bins 4 — two-hour windows from 09:00; whole-hall sprays 4 — 07:00, 08:00, 12:00, 17:00, 30 minutes; airing 3 —
        // 08:00–08:30, 12:00–14:00, 17:30–18:00) has missed what ended before 13:30: public areas 1, handrails 2, bins 2,
        // sprays 3, airing 1 = 9, though the overdue sweep has not run; done 1; open 8. Airing planned 30 + 120 + 30.
        var (status, _, noon) = await SanitationAnswers.SendAsync(staff.GetAsync($"/api/v1/halls/comp-hall/sanitation/compliance?date={Today}", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((18, 1, 0, 9, 8, 0, 90, 180), ByKind(noon)["service_floor"]);
        Assert.Equal(JsonValueKind.Null, noon.GetProperty("closedAt").ValueKind);

        // 00:29 Shanghai the next day: the day is over but the grace (30 minutes) is not; 00:31: closed, once.
        var sweep = fixture.System[CivicHallSystem.Sanitation].Services.GetRequiredService<DayCloseSweep>();
        fixture.AdvanceTo(Utc(1, 16, 29));
        await sweep.SweepOnceAsync(Ct);
        Assert.Empty(await ClosedEventsAsync("comp-hall"));
        // 00:31: over, but the day waits until the overdue sweep has judged every task (none still due).
        fixture.AdvanceTo(Utc(1, 16, 31));
        await sweep.SweepOnceAsync(Ct);
        Assert.Empty(await ClosedEventsAsync("comp-hall"));
        await fixture.System[CivicHallSystem.Sanitation].Services.GetRequiredService<OverdueSweep>().SweepOnceAsync(Ct);
        await sweep.SweepOnceAsync(Ct);
        await sweep.SweepOnceAsync(Ct);
        var closed = Assert.Single(await ClosedEventsAsync("comp-hall"));

        // Everything not recorded is missed now. Entrance queue 7 (public areas 3, sprays 4); self-service 8 (terminals
        // every 2 h: 4, sprays 4); isolation 12 (every 2 h around the clock); restroom 8 (restrooms 4, bins 4); no meetings.
        var expected = new Dictionary<string, (int, int, int, int, int, int, int, int)>(StringComparer.Ordinal)
        {
            ["entrance_queue"] = (7, 0, 0, 7, 0, 0, 0, 0),
            ["isolation"] = (12, 0, 0, 12, 0, 0, 0, 0),
            ["restroom"] = (8, 0, 1, 7, 0, 0, 0, 0),
            ["self_service"] = (8, 0, 0, 8, 0, 0, 0, 0),
            ["service_floor"] = (18, 1, 0, 17, 0, 0, 90, 180),
        };
        Assert.Equal("2026-12-01", closed.GetProperty("localDate").GetString());
        Assert.Equal(expected, ByKind(closed));
        Assert.Equal((53, 1, 1, 51, 0, 0, 90, 180), Figures(closed.GetProperty("totals")));
        Assert.Equal(1, closed.GetProperty("wasteBagsOpen").GetInt32());

        var (_, _, after) = await SanitationAnswers.SendAsync(staff.GetAsync($"/api/v1/halls/comp-hall/sanitation/compliance?date={Today}", Ct));
        Assert.Equal(expected, ByKind(after));
        Assert.Equal(Utc(1, 16, 31), after.GetProperty("closedAt").GetDateTimeOffset());

        // The CSV: a row per zone kind and the total, the same figures.
        using var csv = await staff.GetAsync($"/api/v1/halls/comp-hall/sanitation/compliance?date={Today}&format=csv", Ct);
        Assert.Equal(("text/csv", "utf-8"), (csv.Content.Headers.ContentType?.MediaType, csv.Content.Headers.ContentType?.CharSet));
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("hall_id,date,zone_kind,planned,done_on_time,late,missed,open,skipped,on_time_rate,ventilation_minutes,ventilation_planned_minutes,supplies_low,waste_bags_open,closed_at", lines[0]);
        Assert.Equal(
            ["comp-hall,2026-12-01,entrance_queue,7,0,0,7,0,0,0,0,0,,,2026-12-01T16:31:00+00:00",
             "comp-hall,2026-12-01,isolation,12,0,0,12,0,0,0,0,0,,,2026-12-01T16:31:00+00:00",
             "comp-hall,2026-12-01,restroom,8,0,1,7,0,0,0,0,0,,,2026-12-01T16:31:00+00:00",
             "comp-hall,2026-12-01,self_service,8,0,0,8,0,0,0,0,0,,,2026-12-01T16:31:00+00:00",
             "comp-hall,2026-12-01,service_floor,18,1,0,17,0,0,0.056,90,180,,,2026-12-01T16:31:00+00:00",
             "comp-hall,2026-12-01,total,53,1,1,51,0,0,0.019,90,180,,1,2026-12-01T16:31:00+00:00"],
            lines[1..]);
    }

    [Fact]
    public async Task An_unknown_hall_or_a_bad_query_is_a_problem()
    {
        using var staff = fixture.GatewayClient("staff-wang", Roles.SanitationStaff);
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SanitationAnswers.SendAsync(staff.GetAsync("/api/v1/halls/no-such-hall/sanitation/compliance", Ct))));
        await fixture.AddHallAsync("comp-bad-hall");
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), Pick(await SanitationAnswers.SendAsync(staff.GetAsync("/api/v1/halls/comp-bad-hall/sanitation/compliance?date=1999-12-31", Ct))));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), Pick(await SanitationAnswers.SendAsync(staff.GetAsync("/api/v1/halls/comp-bad-hall/sanitation/compliance?format=xml", Ct))));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), Pick(await SanitationAnswers.SendAsync(staff.GetAsync("/api/v1/halls/comp-bad-hall/sanitation/compliance?date=tuesday", Ct))));
    }

    private static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, JsonElement Body) sent) => (sent.Status, sent.Code);
}
