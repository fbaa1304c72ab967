using CivicHall.Contracts.Incidents.V1;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Tasks;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// Records, terminal disinfection and the fixes to plans and meetings, against real PostgreSQL and RabbitMQ,
/// through the gateway. Sanitation's clock is moved to Tuesday 2026-12-01 14:00 Shanghai (06:00 UTC) and
/// never back; every test uses halls of its own.
/// </summary>
public sealed class SanitationRecordTests(SanitationSystemFixture fixture) : IClassFixture<SanitationSystemFixture>
{
    private const string Today = "2026-12-01";
    private const string Hash = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly DateTimeOffset Afternoon = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(int hour, int minute) => new(2026, 12, 1, hour, minute, 0, TimeSpan.Zero);

    private static async Task<(HttpStatusCode Status, string? Code, JsonElement Body, HttpResponseMessage Response)> SendAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
        return (response.StatusCode, code, body, response);
    }

    private static async Task<List<JsonElement>> BoardAsync(HttpClient client, string hallId, string? zoneId = null)
    {
        var (status, _, board, _) = await SendAsync(client.GetAsync($"/api/v1/halls/{hallId}/sanitation/tasks?date={Today}&limit=200{(zoneId is null ? string.Empty : $"&zoneId={zoneId}")}", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. board.GetProperty("tasks").EnumerateArray()];
    }

    private static Guid TaskOf(List<JsonElement> board, string zoneId, string ruleId, int occurrence) => board
        .Single(t => t.GetProperty("zoneId").GetString() == zoneId && t.GetProperty("ruleId").GetString() == ruleId && t.GetProperty("occurrence").GetInt32() == occurrence)
        .GetProperty("taskId").GetGuid();

    private Task<List<SanitationRecord>> RecordsAsync(string hallId) => fixture.System.QueryAsync<SanitationDbContext, List<SanitationRecord>>(
        CivicHallSystem.Sanitation, db => db.Records.AsNoTracking().Where(r => r.HallId == hallId).ToListAsync(Ct));

    private Task<List<SanitationTask>> TasksAsync(string hallId) => fixture.System.QueryAsync<SanitationDbContext, List<SanitationTask>>(
        CivicHallSystem.Sanitation, db => db.Tasks.AsNoTracking().Where(t => t.HallId == hallId).ToListAsync(Ct));

    private async Task<List<OutboxMessage>> ZoneSanitizedRowsAsync(string hallId)
    {
        var type = IntegrationEventTypes.NameOf(typeof(ZoneSanitized));
        var rows = await fixture.System.QueryAsync<SanitationDbContext, List<OutboxMessage>>(CivicHallSystem.Sanitation,
            db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == type).ToListAsync(Ct));
        return [.. rows.Where(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("hallId").GetString() == hallId)];
    }

    private static object Record(Guid? taskId, string zoneId, DateTimeOffset startedAt, DateTimeOffset endedAt, string method = "wipe", string? agent = "chlorine",
        decimal? strength = 500m, string? evidence = Hash, string? notes = null, Guid? recordId = null) =>
        new { recordId = recordId ?? Guid.NewGuid(), taskId, zoneId, method, agent, strength, startedAt, endedAt, evidence, notes };

    [Fact]
    public async Task A_record_completes_its_task_on_time_or_late_replays_by_its_id_and_shows_on_the_board()
    {
        await fixture.AddHallAsync("rec-hall");
        fixture.AdvanceTo(Afternoon);
        using var staff = fixture.GatewayClient("staff-li", Roles.SanitationStaff);
        var board = await BoardAsync(staff, "rec-hall");
        var surfaces = TaskOf(board, "floor-1", "public-areas", 1); // 09:00–11:40 Shanghai
        var handrails = TaskOf(board, "floor-1", "handrails-door-handles", 1); // 09:00–11:00 Shanghai, grace 30 min

        var onTime = Record(surfaces, "floor-1", Utc(1, 10), Utc(1, 25), notes: "台面擦拭");
        var (created, _, first, _) = await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/rec-hall/sanitation/records", onTime, Ct));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(("done", "staff-li", "mg/L"), (first.GetProperty("outcome").GetString(), first.GetProperty("recordedBy").GetString(), first.GetProperty("strengthUnit").GetString()));
        var (lateStatus, _, late, _) = await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/rec-hall/sanitation/records", Record(handrails, "floor-1", Utc(3, 20), Utc(3, 31)), Ct));
        Assert.Equal((HttpStatusCode.Created, "late"), (lateStatus, late.GetProperty("outcome").GetString()));

        // The same id and body again: the same record, marked replayed; another body under that id: refused.
        var (replayed, _, again, replayResponse) = await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/rec-hall/sanitation/records", onTime, Ct));
        Assert.Equal(HttpStatusCode.OK, replayed);
        Assert.Equal("true", replayResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.GetProperty("recordId").GetGuid(), again.GetProperty("recordId").GetGuid());
        var reused = Record(surfaces, "floor-1", Utc(1, 10), Utc(1, 25), notes: "另一条", recordId: first.GetProperty("recordId").GetGuid());
        Assert.Equal((HttpStatusCode.Conflict, "record_id_reused"), Pick(await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/rec-hall/sanitation/records", reused, Ct))));
        // A second record for a done task is refused; ad hoc (no task) it is kept.
        Assert.Equal((HttpStatusCode.Conflict, "task_already_recorded"),
            Pick(await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/rec-hall/sanitation/records", Record(surfaces, "floor-1", Utc(2, 0), Utc(2, 10)), Ct))));
        var (adHoc, _, adHocBody, _) = await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/rec-hall/sanitation/records", Record(null, "wc", Utc(4, 0), Utc(4, 10), method: "spray"), Ct));
        Assert.Equal((HttpStatusCode.Created, "ad_hoc"), (adHoc, adHocBody.GetProperty("outcome").GetString()));

        var records = await RecordsAsync("rec-hall");
        Assert.Equal(3, records.Count);
        var tasks = await TasksAsync("rec-hall");
        Assert.Equal((TaskState.Done, first.GetProperty("recordId").GetGuid()), tasks.Where(t => t.Id == surfaces).Select(t => (t.State, t.RecordId!.Value)).Single());
        Assert.Equal(TaskState.Late, tasks.Single(t => t.Id == handrails).State);
        Assert.Equal(2, tasks.Count(t => t.RecordId is not null));

        var shown = await BoardAsync(staff, "rec-hall", "floor-1");
        var done = shown.Single(t => t.GetProperty("taskId").GetGuid() == surfaces);
        Assert.Equal(("done", "staff-li", Hash), (done.GetProperty("state").GetString(), done.GetProperty("record").GetProperty("recordedBy").GetString(), done.GetProperty("record").GetProperty("evidence").GetString()));
        Assert.Equal("late", shown.Single(t => t.GetProperty("taskId").GetGuid() == handrails).GetProperty("state").GetString());

        // The list pages in start order.
        var (_, _, page1, _) = await SendAsync(staff.GetAsync($"/api/v1/halls/rec-hall/sanitation/records?date={Today}&limit=2", Ct));
        Assert.Equal([Utc(1, 10), Utc(3, 20)], page1.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("startedAt").GetDateTimeOffset()));
        var cursor = page1.GetProperty("nextCursor").GetString();
        var (_, _, page2, _) = await SendAsync(staff.GetAsync($"/api/v1/halls/rec-hall/sanitation/records?date={Today}&limit=2&cursor={cursor}", Ct));
        Assert.Equal(["wc"], page2.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("zoneId").GetString()));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);
        var (_, _, wcOnly, _) = await SendAsync(staff.GetAsync($"/api/v1/halls/rec-hall/sanitation/records?date={Today}&zoneId=floor-1", Ct));
        Assert.Equal(2, wcOnly.GetProperty("records").GetArrayLength());
    }

    private static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, JsonElement Body, HttpResponseMessage Response) sent) => (sent.Status, sent.Code);

    [Fact]
    public async Task Every_bad_record_is_refused_with_its_own_code_and_stores_nothing()
    {
        await fixture.AddHallAsync("bad-rec-hall");
        fixture.AdvanceTo(Afternoon);
        using var staff = fixture.GatewayClient("staff-li", Roles.SanitationStaff);
        var board = await BoardAsync(staff, "bad-rec-hall");
        var surfaces = TaskOf(board, "floor-1", "public-areas", 1);
        var now = fixture.Clock.GetUtcNow();
        var cases = new (string Name, object Body, HttpStatusCode Status, string Code)[]
        {
            ("zone not in the hall", Record(null, "floor-9", Utc(1, 10), Utc(1, 20)), HttpStatusCode.NotFound, "zone_unknown"),
            ("end before start", Record(surfaces, "floor-1", Utc(1, 20), Utc(1, 10)), HttpStatusCode.UnprocessableEntity, "record_ends_before_start"),
            ("ends in the future", Record(surfaces, "floor-1", now.AddMinutes(-5), now.AddMinutes(1)), HttpStatusCode.UnprocessableEntity, "record_in_future"),
            ("strength below the rule", Record(surfaces, "floor-1", Utc(1, 10), Utc(1, 20), strength: 400m), HttpStatusCode.UnprocessableEntity, "strength_out_of_range"),
            ("strength above the rule", Record(surfaces, "floor-1", Utc(1, 10), Utc(1, 20), strength: 501m), HttpStatusCode.UnprocessableEntity, "strength_out_of_range"),
            ("ad hoc strength outside every rule of the zone", Record(null, "floor-1", Utc(1, 10), Utc(1, 20), strength: 250m), HttpStatusCode.UnprocessableEntity, "strength_out_of_range"),
            ("unknown task", Record(Guid.NewGuid(), "floor-1", Utc(1, 10), Utc(1, 20)), HttpStatusCode.NotFound, "task_unknown"),
            ("task of another zone", Record(surfaces, "wc", Utc(1, 10), Utc(1, 20)), HttpStatusCode.UnprocessableEntity, "zone_mismatch"),
            ("agent the task does not use", Record(surfaces, "floor-1", Utc(1, 10), Utc(1, 20), agent: "alcohol", strength: 75m), HttpStatusCode.UnprocessableEntity, "agent_mismatch"),
            ("evidence neither hash nor https", Record(surfaces, "floor-1", Utc(1, 10), Utc(1, 20), evidence: "http://photos.example/1.jpg"), HttpStatusCode.BadRequest, "validation_failed"),
            ("evidence hash too short", Record(surfaces, "floor-1", Utc(1, 10), Utc(1, 20), evidence: "sha256:abc"), HttpStatusCode.BadRequest, "validation_failed"),
            ("agent without strength", Record(surfaces, "floor-1", Utc(1, 10), Utc(1, 20), strength: null), HttpStatusCode.BadRequest, "validation_failed"),
            ("no record id", new { taskId = surfaces, zoneId = "floor-1", method = "wipe", agent = "chlorine", strength = 500m, startedAt = Utc(1, 10), endedAt = Utc(1, 20) }, HttpStatusCode.BadRequest, "validation_failed"),
        };
        foreach (var (name, body, status, code) in cases)
        {
            var sent = await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/bad-rec-hall/sanitation/records", body, Ct));
            Assert.True((status, code) == (sent.Status, sent.Code), $"{name}: expected {(int)status} {code}, got {(int)sent.Status} {sent.Code}");
        }

        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"),
            Pick(await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/no-such-hall/sanitation/records", Record(null, "floor-1", Utc(1, 10), Utc(1, 20)), Ct))));
        using var screener = fixture.GatewayClient("screener-1", Roles.Screener);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await screener.PostAsJsonAsync("/api/v1/halls/bad-rec-hall/sanitation/records", Record(surfaces, "floor-1", Utc(1, 10), Utc(1, 20)), Ct)).StatusCode);

        Assert.Empty(await RecordsAsync("bad-rec-hall"));
        Assert.All(await TasksAsync("bad-rec-hall"), t => Assert.Null(t.RecordId));
        Assert.Equal(TaskState.Due, (await TasksAsync("bad-rec-hall")).Single(t => t.Id == surfaces).State);
    }

    [Fact]
    public async Task Records_racing_for_one_task_complete_it_once_and_the_others_are_refused_unstored()
    {
        await fixture.AddHallAsync("race-hall");
        fixture.AdvanceTo(Afternoon);
        using var staff = fixture.GatewayClient("staff-li", Roles.SanitationStaff);
        var task = TaskOf(await BoardAsync(staff, "race-hall"), "wc", "restrooms", 1);
        var sends = Enumerable.Range(0, 8).Select(i => SendAsync(staff.PostAsJsonAsync("/api/v1/halls/race-hall/sanitation/records",
            Record(task, "wc", Utc(1, 10), Utc(1, 20 + i), method: "spray"), Ct))).ToList();
        var results = await Task.WhenAll(sends);
        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(7, results.Count(r => (r.Status, r.Code) == (HttpStatusCode.Conflict, "task_already_recorded")));
        var winner = results.Single(r => r.Status == HttpStatusCode.Created).Body.GetProperty("recordId").GetGuid();

        // One record sent five times at once (a client retrying): stored once, the others are its replays.
        var other = TaskOf(await BoardAsync(staff, "race-hall"), "wc", "restrooms", 2);
        var once = Record(other, "wc", Utc(3, 10), Utc(3, 20), method: "spray");
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SendAsync(staff.PostAsJsonAsync("/api/v1/halls/race-hall/sanitation/records", once, Ct))));
        Assert.Equal((1, 4), (retries.Count(r => r.Status == HttpStatusCode.Created), retries.Count(r => r.Status == HttpStatusCode.OK)));
        Assert.All(retries.Where(r => r.Status == HttpStatusCode.OK), r => Assert.Equal("true", r.Response.Headers.GetValues("Idempotent-Replayed").Single()));
        Assert.Single(retries.Select(r => r.Body.GetProperty("recordId").GetGuid()).Distinct());
        var records = await RecordsAsync("race-hall");
        Assert.Equal(2, records.Count);
        Assert.Contains(winner, records.Select(r => r.RecordId));
        Assert.Equal((TaskState.Done, winner), (await TasksAsync("race-hall")).Where(t => t.Id == task).Select(t => (t.State, t.RecordId!.Value)).Single());
    }

    [Fact]
    public async Task A_zone_closed_by_ZoneClosureOrdered_reopens_in_occupancy_only_after_the_terminal_record_and_a_second_leaders_confirmation()
    {
        await fixture.AddHallAsync("term-hall");
        fixture.AdvanceTo(Afternoon);
        using var leaderWang = fixture.GatewayClient("leader-wang", Roles.DutyLeader);
        using var leaderZhao = fixture.GatewayClient("leader-zhao", Roles.DutyLeader);
        using var staff = fixture.GatewayClient("staff-li", Roles.SanitationStaff);
        async Task<string?> ZoneStateAsync()
        {
            var floor = await leaderWang.GetFromJsonAsync<JsonElement>("/api/v1/halls/term-hall/occupancy", Ct);
            return floor.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zoneId").GetString() == "floor-1").GetProperty("state").GetString();
        }

        var deliveries = fixture.System.Deliveries(CivicHallSystem.Sanitation);
        var before = deliveries.Consumed<ZoneClosureOrdered>();
        await fixture.PublishAsync(new ZoneClosureOrdered("inc-7", "term-hall", "floor-1", "确诊病例到访", DateTimeOffset.UtcNow));
        await fixture.PublishAsync(new ZoneClosureOrdered("inc-7", "term-hall", "floor-1", "确诊病例到访（重复通知）", DateTimeOffset.UtcNow));
        await deliveries.UntilConsumedAndIdleAsync<ZoneClosureOrdered>(before, 2);
        await Eventually.UntilAsync(ZoneStateAsync, s => s == "closed", because: "occupancy should close the zone");

        var terminals = (await BoardAsync(staff, "term-hall", "floor-1")).Where(t => t.GetProperty("ruleKind").GetString() == "terminal").ToList();
        var terminal = Assert.Single(terminals); // the second order for the same incident found the open task
        Assert.Equal(("due", "zone_closure", "inc-7", true), (terminal.GetProperty("state").GetString(), terminal.GetProperty("terminal").GetProperty("source").GetString(),
            terminal.GetProperty("terminal").GetProperty("sourceId").GetString(), terminal.GetProperty("terminal").GetProperty("requiresConfirmation").GetBoolean()));
        var taskId = terminal.GetProperty("taskId").GetGuid();
        var confirmation = $"/api/v1/halls/term-hall/sanitation/terminal-disinfections/{taskId}/confirmation";

        Assert.Equal((HttpStatusCode.Conflict, "terminal_disinfection_not_recorded"), Pick(await SendAsync(leaderZhao.PostAsync(confirmation, null, Ct))));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "strength_out_of_range"), Pick(await SendAsync(leaderWang.PostAsJsonAsync("/api/v1/halls/term-hall/sanitation/records",
            Record(taskId, "floor-1", Afternoon.AddMinutes(-20), Afternoon.AddMinutes(-5), method: "spray", strength: 500m), Ct))));
        var (recorded, _, record, _) = await SendAsync(leaderWang.PostAsJsonAsync("/api/v1/halls/term-hall/sanitation/records",
            Record(taskId, "floor-1", Afternoon.AddMinutes(-20), Afternoon.AddMinutes(-5), method: "spray", strength: 1000m), Ct));
        Assert.Equal((HttpStatusCode.Created, "recorded"), (recorded, record.GetProperty("outcome").GetString()));

        // A record alone: nothing is published, so nothing can reopen the zone.
        Assert.Empty(await ZoneSanitizedRowsAsync("term-hall"));
        Assert.Equal("closed", await ZoneStateAsync());
        Assert.Equal((HttpStatusCode.Conflict, "own_record_confirmation"), Pick(await SendAsync(leaderWang.PostAsync(confirmation, null, Ct))));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync(confirmation, null, Ct)).StatusCode);
        Assert.Empty(await ZoneSanitizedRowsAsync("term-hall"));

        var (confirmed, _, view, _) = await SendAsync(leaderZhao.PostAsync(confirmation, null, Ct));
        Assert.Equal((HttpStatusCode.OK, "done", "leader-zhao"), (confirmed, view.GetProperty("state").GetString(), view.GetProperty("terminal").GetProperty("confirmedBy").GetString()));
        await Eventually.UntilAsync(ZoneStateAsync, s => s == "open", because: "occupancy should reopen the zone on ZoneSanitized");

        var (again, _, _, againResponse) = await SendAsync(leaderZhao.PostAsync(confirmation, null, Ct));
        Assert.Equal((HttpStatusCode.OK, "true"), (again, againResponse.Headers.GetValues("Idempotent-Replayed").Single()));
        var published = Assert.Single(await ZoneSanitizedRowsAsync("term-hall"));
        Assert.Contains(taskId.ToString(), published.Payload, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_duty_leader_orders_terminal_disinfection_and_an_isolation_adds_tasks_for_the_screening_point_and_isolation_area()
    {
        await fixture.AddHallAsync("iso-hall");
        fixture.AdvanceTo(Afternoon);
        using var leader = fixture.GatewayClient("leader-wang", Roles.DutyLeader);
        using var staff = fixture.GatewayClient("staff-li", Roles.SanitationStaff);
        var order = new { zoneId = "wc", incidentId = "inc-9", reason = "疑似病例使用过" };
        var (created, _, ordered, _) = await SendAsync(leader.PostAsJsonAsync("/api/v1/halls/iso-hall/sanitation/terminal-disinfections", order, Ct));
        Assert.Equal(HttpStatusCode.Created, created);
        var (same, _, sameBody, _) = await SendAsync(leader.PostAsJsonAsync("/api/v1/halls/iso-hall/sanitation/terminal-disinfections", order, Ct));
        Assert.Equal((HttpStatusCode.OK, ordered.GetProperty("taskId").GetGuid()), (same, sameBody.GetProperty("taskId").GetGuid()));
        Assert.Equal((HttpStatusCode.NotFound, "zone_unknown"),
            Pick(await SendAsync(leader.PostAsJsonAsync("/api/v1/halls/iso-hall/sanitation/terminal-disinfections", new { zoneId = "nowhere", reason = "x" }, Ct))));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"),
            Pick(await SendAsync(leader.PostAsJsonAsync("/api/v1/halls/iso-hall/sanitation/terminal-disinfections", new { zoneId = "wc" }, Ct))));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/v1/halls/iso-hall/sanitation/terminal-disinfections", order, Ct)).StatusCode);

        var deliveries = fixture.System.Deliveries(CivicHallSystem.Sanitation);
        var before = deliveries.Consumed<AbnormalPersonDetected>();
        await fixture.PublishAsync(new AbnormalPersonDetected(Guid.NewGuid(), "iso-hall", "pk-1", "citizen", ["temperature"], "green", 38.2m, [], "lane-1", 1, DateTimeOffset.UtcNow));
        await deliveries.UntilConsumedAndIdleAsync<AbnormalPersonDetected>(before, 1);
        var terminals = (await BoardAsync(staff, "iso-hall")).Where(t => t.GetProperty("ruleKind").GetString() == "terminal").ToList();
        // The hall has an isolation zone and no security check: the wc order and the isolation area.
        Assert.Equal(["iso abnormal_person False", "wc duty_leader True"], terminals.Select(t =>
            $"{t.GetProperty("zoneId").GetString()} {t.GetProperty("terminal").GetProperty("source").GetString()} {t.GetProperty("terminal").GetProperty("requiresConfirmation").GetBoolean()}").Order(StringComparer.Ordinal));
        var iso = terminals.Single(t => t.GetProperty("zoneId").GetString() == "iso").GetProperty("taskId").GetGuid();
        var (recorded, _, record, _) = await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/iso-hall/sanitation/records",
            Record(iso, "iso", Afternoon.AddMinutes(-10), Afternoon.AddMinutes(-1), method: "spray", strength: 1500m), Ct));
        Assert.Equal((HttpStatusCode.Created, "done"), (recorded, record.GetProperty("outcome").GetString()));
        Assert.Empty(await ZoneSanitizedRowsAsync("iso-hall"));

        // Generating the day again leaves terminal tasks alone.
        await fixture.System[CivicHallSystem.Sanitation].Services.GetRequiredService<DueTaskSweep>().SweepOnceAsync(Ct);
        var stored = (await TasksAsync("iso-hall")).Where(t => t.RuleKind == "terminal").ToList();
        Assert.Equal([TaskState.Done, TaskState.Due], stored.OrderBy(t => t.ZoneId, StringComparer.Ordinal).Select(t => t.State));
    }

    [Fact]
    public async Task Plan_times_come_back_as_requests_give_them_and_overlapping_meetings_in_one_room_are_refused()
    {
        await fixture.AddHallAsync("fix-hall");
        using var ops = fixture.GatewayClient("ops-1", Roles.Ops);
        var plan = await ops.GetFromJsonAsync<JsonElement>("/api/v1/halls/fix-hall/sanitation/plan", Ct);
        var rules = plan.GetProperty("current").GetProperty("rules").EnumerateArray().ToList();
        var hallFull = rules.Single(r => r.GetProperty("ruleId").GetString() == "hall-full");
        Assert.Contains("12:00", hallFull.GetProperty("times").EnumerateArray().Select(t => t.GetProperty("time").GetString()));
        var airing = rules.Single(r => r.GetProperty("ruleId").GetString() == "public-ventilation");
        Assert.Equal(["08:00-08:30", "12:00-14:00", "17:30-18:00"],
            airing.GetProperty("windows").EnumerateArray().Select(w => $"{w.GetProperty("from").GetString()}-{w.GetProperty("to").GetString()}"));

        using var leader = fixture.GatewayClient("leader-wang", Roles.DutyLeader);
        static object Meeting(int startHour, int startMinute, int minutes) => new
        {
            zoneId = "meeting-a",
            startsAt = new DateTimeOffset(2026, 12, 2, startHour, startMinute, 0, TimeSpan.Zero),
            endsAt = new DateTimeOffset(2026, 12, 2, startHour, startMinute, 0, TimeSpan.Zero).AddMinutes(minutes),
            expectedAttendees = 10,
        };
        Assert.Equal(HttpStatusCode.Created, (await leader.PutAsJsonAsync("/api/v1/halls/fix-hall/sanitation/meetings/m1", Meeting(2, 0, 60), Ct)).StatusCode);
        var overlap = await SendAsync(leader.PutAsJsonAsync("/api/v1/halls/fix-hall/sanitation/meetings/m2", Meeting(2, 30, 60), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "meeting_overlaps", "m1"), (overlap.Status, overlap.Code, overlap.Body.GetProperty("meetingId").GetString()));
        Assert.Equal(HttpStatusCode.Created, (await leader.PutAsJsonAsync("/api/v1/halls/fix-hall/sanitation/meetings/m3", Meeting(3, 0, 30), Ct)).StatusCode); // back to back
        Assert.Equal(HttpStatusCode.OK, (await leader.PutAsJsonAsync("/api/v1/halls/fix-hall/sanitation/meetings/m1", Meeting(1, 30, 60), Ct)).StatusCode); // moving itself
        Assert.Equal(HttpStatusCode.OK, (await leader.DeleteAsync("/api/v1/halls/fix-hall/sanitation/meetings/m3", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await leader.PutAsJsonAsync("/api/v1/halls/fix-hall/sanitation/meetings/m2", Meeting(2, 30, 60), Ct)).StatusCode); // m3 cancelled, m1 moved
        var meetings = await fixture.System.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation, db => db.Meetings.CountAsync(m => m.HallId == "fix-hall", Ct));
        Assert.Equal(3, meetings);
    }

    [Fact]
    public async Task Regenerating_a_day_waits_for_a_task_being_recorded_and_never_overwrites_its_completion()
    {
        await fixture.AddHallAsync("regen-race-hall");
        fixture.AdvanceTo(Afternoon);
        using var staff = fixture.GatewayClient("staff-li", Roles.SanitationStaff);
        var restroom = TaskOf(await BoardAsync(staff, "regen-race-hall"), "wc", "restrooms", 4); // 15:00–17:00 Shanghai: due

        // A completion in flight: its transaction holds the task's row, as a record's conditional update does.
        using var scope = fixture.System[CivicHallSystem.Sanitation].Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SanitationDbContext>();
        await using var completion = await db.Database.BeginTransactionAsync(Ct);
        Assert.Single(await db.Tasks.FromSql($"SELECT * FROM sanitation_tasks WHERE id = {restroom} FOR UPDATE").AsNoTracking().ToListAsync(Ct));

        // Meanwhile a plan without the restroom rule: its regeneration would skip the task (plan_changed).
        using var ops = fixture.GatewayClient("ops-1", Roles.Ops);
        var plan = new { rules = new[] { new { ruleId = "public-areas", kind = "timesPerDay", zoneKinds = new[] { "service_floor" }, method = "wipe", agent = "chlorine", timesPerDay = 3 } } };
        var putting = ops.PutAsJsonAsync("/api/v1/halls/regen-race-hall/sanitation/plan", plan, Ct);
        // The marker: the regeneration is waiting for the task's row lock.
        await Eventually.UntilAsync(
            () => fixture.System.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation, other => other.Database
                .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .SingleAsync(Ct)),
            waiting => waiting > 0, because: "the regeneration should wait for the task being recorded");
        await db.Database.ExecuteSqlAsync($"UPDATE sanitation_tasks SET state = 'done', recorded_by = 'staff-li' WHERE id = {restroom}", Ct);
        await completion.CommitAsync(Ct);

        Assert.Equal(HttpStatusCode.Created, (await putting).StatusCode);
        var tasks = await TasksAsync("regen-race-hall");
        Assert.Equal(TaskState.Done, tasks.Single(t => t.Id == restroom).State); // not skipped over the completion
        Assert.All(tasks.Where(t => t.ZoneId == "wc" && t.Id != restroom), t => Assert.Equal((TaskState.Skipped, "plan_changed"), (t.State, t.SkipReason)));
    }

    [Fact]
    public async Task A_stored_plan_is_answered_201_even_when_its_days_cannot_be_generated_again()
    {
        await fixture.AddHallAsync("zz-broken-hall");
        Task<int> SetTimeZoneAsync(string timeZone) => fixture.System.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation,
            db => db.Halls.Where(h => h.HallId == "zz-broken-hall").ExecuteUpdateAsync(u => u.SetProperty(h => h.TimeZone, timeZone), Ct));
        // A time zone the host does not know: every generation of the hall's days throws.
        Assert.Equal(1, await SetTimeZoneAsync("Mars/Olympus_Mons"));
        try
        {
            using var ops = fixture.GatewayClient("ops-1", Roles.Ops);
            var (status, _, body, _) = await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/zz-broken-hall/sanitation/plan", new { graceMinutes = 15 }, Ct));
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal(1, body.GetProperty("version").GetInt32());
            var stored = await fixture.System.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation,
                db => db.Plans.CountAsync(p => p.HallId == "zz-broken-hall" && p.GraceMinutes == 15, Ct));
            Assert.Equal(1, stored);
            Assert.Empty(await TasksAsync("zz-broken-hall"));
        }
        finally
        {
            await SetTimeZoneAsync("Asia/Shanghai");
        }
    }
}
