using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Tasks;
using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// Sanitation's plan, meetings and due tasks against real PostgreSQL and RabbitMQ: versions and their
/// defaults, every bad input, who may call what, unknown halls, and a day generated again without
/// duplicating or losing a task. Sanitation's clock stands at Tuesday 2026-12-01 08:00 Shanghai time.
/// </summary>
public sealed class SanitationPlanTaskTests(SanitationSystemFixture fixture) : IClassFixture<SanitationSystemFixture>
{
    private const string Today = "2026-12-01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string? Code)> CodeAsync(Task<HttpResponseMessage> sending)
    {
        var (status, code, _) = await SendAsync(sending);
        return (status, code);
    }

    private static string[] ErrorFields(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];

    private Task<List<SanitationTask>> TasksAsync(string hallId) => fixture.System.QueryAsync<SanitationDbContext, List<SanitationTask>>(
        CivicHallSystem.Sanitation, db => db.Tasks.AsNoTracking().Where(t => t.HallId == hallId).ToListAsync());

    [Fact]
    public async Task A_hall_runs_under_the_seeds_plan_until_ops_add_versions_which_are_never_edited()
    {
        await fixture.AddHallAsync("plan-hall");
        using var ops = fixture.Client(Roles.Ops);

        var (status, _, view) = await SendAsync(ops.GetAsync("/api/v1/halls/plan-hall/sanitation/plan", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        var current = view.GetProperty("current");
        Assert.Equal(0, current.GetProperty("version").GetInt32());
        Assert.Equal(12, current.GetProperty("rules").GetArrayLength());
        Assert.Equal((20, 60, true), (current.GetProperty("meetingMaxAttendees").GetInt32(), current.GetProperty("meetingMaxMinutes").GetInt32(),
            current.GetProperty("enforceMeetingLimits").GetBoolean()));

        var (created, _, first) = await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/plan-hall/sanitation/plan", new { }, Ct));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(current.GetProperty("rules").GetRawText(), first.GetProperty("rules").GetRawText());
        Assert.Equal(1000m, first.GetProperty("wasteBagStrength").GetProperty("min").GetDecimal());

        var later = fixture.Clock.GetUtcNow().AddDays(2);
        var (createdLater, _, second) = await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/plan-hall/sanitation/plan", new
        {
            effectiveFrom = later,
            rules = new object[]
            {
                new { ruleId = "terminals", kind = "every", zoneKinds = new[] { "self_service" }, method = "wipe", agent = "alcohol", everyHours = 1 },
            },
            meetingMaxAttendees = 10,
        }, Ct));
        Assert.Equal(HttpStatusCode.Created, createdLater);
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(75m, second.GetProperty("rules")[0].GetProperty("strength").GetProperty("min").GetDecimal());

        var (_, _, now) = await SendAsync(ops.GetAsync("/api/v1/halls/plan-hall/sanitation/plan", Ct));
        Assert.Equal(1, now.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Equal([2], now.GetProperty("upcoming").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var (_, _, then) = await SendAsync(ops.GetAsync($"/api/v1/halls/plan-hall/sanitation/plan?at={Uri.EscapeDataString(later.AddMinutes(1).ToString("O"))}", Ct));
        Assert.Equal(2, then.GetProperty("current").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Every_bad_plan_is_a_400_naming_its_field_and_stores_nothing()
    {
        await fixture.AddHallAsync("bad-plan-hall");
        using var ops = fixture.Client(Roles.Ops);
        var cases = new (object Body, string Field)[]
        {
            (new { effectiveFrom = "2000-01-01T00:00:00+00:00" }, "effectiveFrom"),
            (new { graceMinutes = -1 }, "graceMinutes"),
            (new { meetingMaxAttendees = 0 }, "meetingMaxAttendees"),
            (new { meetingMaxMinutes = 2000 }, "meetingMaxMinutes"),
            (new { wasteBagStrength = new { min = 2000, max = 1000, unit = "mg/L" } }, "wasteBagStrength.max"),
            (new { rules = new object?[] { null } }, "rules[0]"),
            (new { rules = new[] { new { ruleId = "r", kind = "weekly", zoneKinds = new[] { "office" }, method = "wipe", agent = "chlorine" } } }, "rules[0].kind"),
            (new { rules = new[] { new { ruleId = "r", kind = "every", zoneKinds = new[] { "lobby" }, method = "wipe", agent = "chlorine", everyHours = 2 } } }, "rules[0].zoneKinds[0]"),
            (new { rules = new[] { new { ruleId = "r", kind = "every", zoneKinds = new[] { "office" }, method = "wipe", agent = "chlorine", everyHours = 25 } } }, "rules[0].everyHours"),
            (new { rules = new[] { new { ruleId = "r", kind = "every", zoneKinds = new[] { "office" }, method = "wipe", agent = "chlorine", everyHours = 2, timesPerDay = 3 } } }, "rules[0].timesPerDay"),
            (new { rules = new[] { new { ruleId = "r", kind = "timesPerDay", zoneKinds = new[] { "office" }, method = "wipe", agent = "bleach", timesPerDay = 3 } } }, "rules[0].agent"),
            (new { rules = new[] { new { ruleId = "r", kind = "timesPerDay", zoneKinds = new[] { "office" }, method = "wipe", agent = "alcohol", timesPerDay = 3, strength = new { min = 75, max = 75, unit = "mg/L" } } } }, "rules[0].strength.unit"),
            (new { rules = new[] { new { ruleId = "r", kind = "ventilation", zoneKinds = new[] { "office" }, method = "ventilate", windows = new[] { new { from = "14:00", to = "12:00" } } } } }, "rules[0].windows[0].to"),
            (new { rules = new[] { new { ruleId = "r", kind = "aroundMeetings", zoneKinds = new[] { "office" }, method = "wipe", agent = "chlorine" } } }, "rules[0].zoneKinds"),
            (new { rules = new[] { new { ruleId = "../r", kind = "timesPerDay", zoneKinds = new[] { "office" }, method = "wipe", agent = "chlorine", timesPerDay = 1 } } }, "rules[0].ruleId"),
            (new { rules = new[] { new { ruleId = "r", kind = "timesPerDay", zoneKinds = new[] { "office" }, method = "wipe", agent = "chlorine", timesPerDay = 1, bringForwardAfterVisitors = -3 } } }, "rules[0].bringForwardAfterVisitors"),
            (new { rules = new[] { new { ruleId = "r", kind = "ventilation", zoneKinds = new[] { "office" }, method = "ventilate", timesPerDay = 2, bringForwardAfterVisitors = 50 } } }, "rules[0].bringForwardAfterVisitors"),
        };
        foreach (var (body, field) in cases)
        {
            var (status, code, problem) = await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/bad-plan-hall/sanitation/plan", body, Ct));
            Assert.True(status == HttpStatusCode.BadRequest && code == "validation_failed", $"{field}: {status} {code}");
            Assert.Contains(field, ErrorFields(problem));
        }

        var (badJson, badJsonCode, _) = await SendAsync(ops.PutAsync("/api/v1/halls/bad-plan-hall/sanitation/plan",
            new StringContent("""{"graceMinutes": "soon"}""", System.Text.Encoding.UTF8, "application/json"), Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (badJson, badJsonCode));
        var (_, _, view) = await SendAsync(ops.GetAsync("/api/v1/halls/bad-plan-hall/sanitation/plan", Ct));
        Assert.Equal(0, view.GetProperty("current").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Only_ops_write_plans_staff_read_the_board_and_unknown_halls_are_hall_unknown()
    {
        await fixture.AddHallAsync("role-hall");
        var plan = "/api/v1/halls/role-hall/sanitation/plan";
        var board = $"/api/v1/halls/role-hall/sanitation/tasks?date={Today}";
        var meeting = "/api/v1/halls/role-hall/sanitation/meetings/m1";
        var meetingBody = new { zoneId = "meeting-a", startsAt = "2026-12-01T02:00:00Z", endsAt = "2026-12-01T03:00:00Z", expectedAttendees = 5 };

        using var anonymous = fixture.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(anonymous.GetAsync(plan, Ct))).Status);
        foreach (var role in new[] { Roles.SanitationStaff, Roles.DutyLeader, Roles.Citizen })
        {
            using var client = fixture.Client(role);
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), await CodeAsync(client.PutAsJsonAsync(plan, new { }, Ct)));
        }

        foreach (var role in new[] { Roles.Citizen, Roles.Screener, Roles.WindowStaff, Roles.Portal })
        {
            using var client = fixture.Client(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client.GetAsync(board, Ct))).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client.PutAsJsonAsync(meeting, meetingBody, Ct))).Status);
        }

        using (var staff = fixture.Client(Roles.SanitationStaff))
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.GetAsync(board, Ct))).Status);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.GetAsync(plan, Ct))).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(staff.PutAsJsonAsync(meeting, meetingBody, Ct))).Status);
        }

        using var leader = fixture.Client(Roles.DutyLeader);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.GetAsync(board, Ct))).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PutAsJsonAsync(meeting, meetingBody, Ct))).Status);

        using var ops = fixture.Client(Roles.Ops);
        foreach (var sending in new Func<Task<HttpResponseMessage>>[]
        {
            () => ops.GetAsync("/api/v1/halls/nowhere/sanitation/plan", Ct),
            () => ops.PutAsJsonAsync("/api/v1/halls/nowhere/sanitation/plan", new { }, Ct),
            () => ops.GetAsync($"/api/v1/halls/nowhere/sanitation/tasks?date={Today}", Ct),
            () => ops.GetAsync($"/api/v1/halls/nowhere/sanitation/meetings?date={Today}", Ct),
            () => ops.PutAsJsonAsync("/api/v1/halls/nowhere/sanitation/meetings/m1", meetingBody, Ct),
            () => ops.DeleteAsync("/api/v1/halls/nowhere/sanitation/meetings/m1", Ct),
        })
        {
            Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), await CodeAsync(sending()));
        }
    }

    [Fact]
    public async Task Meetings_are_checked_against_the_room_and_the_plan_and_their_rooms_get_tasks_before_and_after()
    {
        await fixture.AddHallAsync("meeting-hall");
        using var ops = fixture.Client(Roles.Ops);
        const string Url = "/api/v1/halls/meeting-hall/sanitation/meetings";
        static object Meeting(string zoneId = "meeting-a", string start = "2026-12-01T02:00:00Z", string end = "2026-12-01T03:00:00Z", int? attendees = 12) =>
            new { zoneId, startsAt = start, endsAt = end, expectedAttendees = attendees, title = "防控工作例会" };

        var (created, _, first) = await SendAsync(ops.PutAsJsonAsync($"{Url}/weekly", Meeting(), Ct));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(("meeting-a", "scheduled"), (first.GetProperty("zoneId").GetString(), first.GetProperty("status").GetString()));
        var (replaced, _, _) = await SendAsync(ops.PutAsJsonAsync($"{Url}/weekly", Meeting(start: "2026-12-01T02:30:00Z", end: "2026-12-01T03:15:00Z"), Ct));
        Assert.Equal(HttpStatusCode.OK, replaced);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync($"{Url}/afternoon", Meeting(start: "2026-12-01T06:00:00Z", end: "2026-12-01T06:45:00Z"), Ct))).Status);

        var refusals = new (object Body, HttpStatusCode Status, string Code, string? Field)[]
        {
            (Meeting(attendees: 21), HttpStatusCode.UnprocessableEntity, "meeting_too_large", null),
            (Meeting(end: "2026-12-01T03:01:00Z"), HttpStatusCode.UnprocessableEntity, "meeting_too_long", null),
            (Meeting(zoneId: "floor-1"), HttpStatusCode.UnprocessableEntity, "not_a_meeting_room", null),
            (Meeting(zoneId: "attic"), HttpStatusCode.NotFound, "zone_unknown", null),
            (Meeting(zoneId: "../x"), HttpStatusCode.BadRequest, "validation_failed", "zoneId"),
            (Meeting(end: "2026-12-01T01:00:00Z"), HttpStatusCode.BadRequest, "validation_failed", "endsAt"),
            (Meeting(attendees: null), HttpStatusCode.BadRequest, "validation_failed", "expectedAttendees"),
            (Meeting(attendees: 0), HttpStatusCode.BadRequest, "validation_failed", "expectedAttendees"),
            (new { zoneId = "meeting-a", endsAt = "2026-12-01T03:00:00Z", expectedAttendees = 3 }, HttpStatusCode.BadRequest, "validation_failed", "startsAt"),
        };
        foreach (var (body, status, code, field) in refusals)
        {
            var answer = await SendAsync(ops.PutAsJsonAsync($"{Url}/refused", body, Ct));
            Assert.True(answer.Status == status && answer.Code == code, $"{code}: got {answer.Status} {answer.Code}");
            if (field is not null)
            {
                Assert.Contains(field, ErrorFields(answer.Body));
            }
        }

        var (_, _, list) = await SendAsync(ops.GetAsync($"{Url}?date={Today}", Ct));
        Assert.Equal(["weekly", "afternoon"], list.GetProperty("meetings").EnumerateArray().Select(m => m.GetProperty("meetingId").GetString()));

        // Registering generated the day: 30 minutes before and after each meeting (Shanghai 10:30–11:15 and 14:00–14:45).
        var meetingTasks = (await TasksAsync("meeting-hall")).Where(t => t.ZoneId == "meeting-a").OrderBy(t => t.WindowStart).ToList();
        Assert.Equal(
            [
                ("weekly", 1, "2026-12-01T02:00Z", "2026-12-01T02:30Z"), ("weekly", 2, "2026-12-01T03:15Z", "2026-12-01T03:45Z"),
                ("afternoon", 1, "2026-12-01T05:30Z", "2026-12-01T06:00Z"), ("afternoon", 2, "2026-12-01T06:45Z", "2026-12-01T07:15Z"),
            ],
            meetingTasks.Select(t => (t.MeetingId, t.Occurrence, $"{t.WindowStart.UtcDateTime:yyyy-MM-ddTHH:mm}Z", $"{t.WindowEnd.UtcDateTime:yyyy-MM-ddTHH:mm}Z")));

        var (cancelled, _, gone) = await SendAsync(ops.DeleteAsync($"{Url}/afternoon", Ct));
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (cancelled, gone.GetProperty("status").GetString()));
        Assert.Equal((HttpStatusCode.NotFound, "meeting_unknown"), await CodeAsync(ops.DeleteAsync($"{Url}/never", Ct)));
        var afterCancel = (await TasksAsync("meeting-hall")).Where(t => t.MeetingId == "afternoon").ToList();
        Assert.Equal(2, afterCancel.Count);
        Assert.All(afterCancel, t => Assert.Equal((TaskState.Skipped, "meeting_cancelled"), (t.State, t.SkipReason)));

        // A plan that does not enforce the limits takes a larger, longer meeting.
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/meeting-hall/sanitation/plan", new { enforceMeetingLimits = false }, Ct))).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync($"{Url}/big", Meeting(start: "2026-12-01T07:00:00Z", end: "2026-12-01T09:00:00Z", attendees: 40), Ct))).Status);
    }

    [Fact]
    public async Task The_board_pages_through_the_day_and_regenerating_keeps_done_tasks_and_never_duplicates()
    {
        await fixture.AddHallAsync("board-hall");
        using var staff = fixture.Client(Roles.SanitationStaff);

        // Queue 7, floor 18, self-service 8, restroom 8, isolation 12 (the meeting room has no meeting).
        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, _, page) = await SendAsync(staff.GetAsync(
                $"/api/v1/halls/board-hall/sanitation/tasks?date={Today}&limit=10{(cursor is null ? string.Empty : $"&cursor={cursor}")}", Ct));
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page.GetProperty("tasks").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);
        Assert.Equal((53, 6), (seen.Count, pages));
        Assert.Equal(53, seen.Select(t => t.GetProperty("taskId").GetGuid()).Distinct().Count());
        var starts = seen.Select(t => t.GetProperty("windowStart").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.All(seen, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("record").ValueKind));
        Assert.EndsWith("+00:00", seen[0].GetProperty("windowStart").GetString()!, StringComparison.Ordinal);

        var (_, _, restroom) = await SendAsync(staff.GetAsync($"/api/v1/halls/board-hall/sanitation/tasks?date={Today}&zoneId=wc&state=due", Ct));
        Assert.Equal(8, restroom.GetProperty("tasks").GetArrayLength());
        var (badState, badCode, badProblem) = await SendAsync(staff.GetAsync($"/api/v1/halls/board-hall/sanitation/tasks?date={Today}&state=finished&limit=0&cursor=xyz", Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (badState, badCode));
        Assert.Equal(["cursor", "limit", "state"], ErrorFields(badProblem).Order(StringComparer.Ordinal));

        // A task is done (records are still to come: set here as a record will).
        await fixture.System.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation, db => db.Tasks
            .Where(t => t.HallId == "board-hall" && t.LocalDate == SanitationSystemFixture.Tuesday && t.ZoneId == "wc" && t.RuleId == "restrooms" && t.Occurrence == 4)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TaskState.Done).SetProperty(t => t.RecordId, Guid.NewGuid())));

        // The plan drops the restroom rule and halves the public areas; bins stay.
        using var ops = fixture.Client(Roles.Ops);
        var plan = new
        {
            rules = new object[]
            {
                new { ruleId = "public-areas", kind = "timesPerDay", zoneKinds = new[] { "service_floor" }, method = "wipe", agent = "chlorine", timesPerDay = 2 },
                new { ruleId = "covered-bins", kind = "timesPerDay", zoneKinds = new[] { "service_floor", "restroom" }, method = "spray", agent = "chlorine", timesPerDay = 4 },
            },
        };
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/board-hall/sanitation/plan", plan, Ct))).Status);

        var tasks = (await TasksAsync("board-hall")).Where(t => t.LocalDate == SanitationSystemFixture.Tuesday).ToList();
        Assert.Equal(53, tasks.Count); // nothing added: every task the new plan makes existed already
        Assert.Equal(tasks.Count, tasks.Select(t => (t.ZoneId, t.RuleId, t.MeetingId, t.Occurrence)).Distinct().Count());
        var done = tasks.Single(t => t.State == TaskState.Done);
        Assert.Equal(("wc", "restrooms", 4, 0), (done.ZoneId, done.RuleId, done.Occurrence, done.PlanVersion)); // untouched since the defaults made it
        Assert.Equal(
            ["floor-1 covered-bins", "floor-1 public-areas", "wc covered-bins"],
            tasks.Where(t => t.State == TaskState.Due).Select(t => $"{t.ZoneId} {t.RuleId}").Distinct().Order(StringComparer.Ordinal));
        Assert.All(tasks.Where(t => t.State == TaskState.Skipped), t => Assert.Equal("plan_changed", t.SkipReason));
        // The floor's public areas: two windows now, 09:00–13:00 and 13:00–17:00 Shanghai; the third skipped.
        Assert.Equal(
            [(1, TaskState.Due, "01:00", "05:00"), (2, TaskState.Due, "05:00", "09:00"), (3, TaskState.Skipped, "06:20", "09:00")],
            tasks.Where(t => t.ZoneId == "floor-1" && t.RuleId == "public-areas").OrderBy(t => t.Occurrence)
                .Select(t => (t.Occurrence, t.State, $"{t.WindowStart.UtcDateTime:HH:mm}", $"{t.WindowEnd.UtcDateTime:HH:mm}")));

        // Generating again with nothing new changes nothing; the sweep adds tomorrow once.
        var sweep = fixture.System[CivicHallSystem.Sanitation].Services.GetRequiredService<DueTaskSweep>();
        await sweep.SweepOnceAsync(Ct);
        Assert.Equal(0, await sweep.SweepOnceAsync(Ct));
        var again = await TasksAsync("board-hall");
        Assert.Equal(53, again.Count(t => t.LocalDate == SanitationSystemFixture.Tuesday));
        Assert.Equal(again.Count, again.Select(t => (t.LocalDate, t.ZoneId, t.RuleId, t.MeetingId, t.Occurrence)).Distinct().Count());
        Assert.Contains(again, t => t.LocalDate == SanitationSystemFixture.Tuesday.AddDays(1));

        // The default plan again: skipped tasks come back due, the done one stays done.
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/board-hall/sanitation/plan", new { }, Ct))).Status);
        var restored = (await TasksAsync("board-hall")).Where(t => t.LocalDate == SanitationSystemFixture.Tuesday).ToList();
        Assert.Equal((53, 52, 1), (restored.Count, restored.Count(t => t.State == TaskState.Due), restored.Count(t => t.State == TaskState.Done)));
    }

    [Fact]
    public async Task A_zone_removed_from_the_hall_has_its_due_tasks_skipped_at_the_next_sweep_and_its_done_ones_kept()
    {
        await fixture.AddHallAsync("layout-hall");
        using var staff = fixture.Client(Roles.SanitationStaff);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.GetAsync($"/api/v1/halls/layout-hall/sanitation/tasks?date={Today}", Ct))).Status);
        await fixture.System.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation, db => db.Tasks
            .Where(t => t.HallId == "layout-hall" && t.ZoneId == "wc" && t.RuleId == "restrooms" && t.Occurrence == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TaskState.Done)));

        // Occupancy announces the hall without its restroom (HallConfigured); the sweep applies it.
        await fixture.AddHallAsync("layout-hall", withRestroom: false);
        await fixture.System[CivicHallSystem.Sanitation].Services.GetRequiredService<DueTaskSweep>().SweepOnceAsync(Ct);

        var restroom = (await TasksAsync("layout-hall")).Where(t => t.LocalDate == SanitationSystemFixture.Tuesday && t.ZoneId == "wc").ToList();
        Assert.Equal(8, restroom.Count);
        Assert.Equal(TaskState.Done, restroom.Single(t => t.RuleId == "restrooms" && t.Occurrence == 1).State);
        Assert.All(restroom.Where(t => t.State != TaskState.Done), t => Assert.Equal((TaskState.Skipped, "zone_removed"), (t.State, t.SkipReason)));
        var (_, _, due) = await SendAsync(staff.GetAsync($"/api/v1/halls/layout-hall/sanitation/tasks?date={Today}&state=due&limit=200", Ct));
        Assert.Equal(45, due.GetProperty("tasks").GetArrayLength()); // the 53 less the restroom's 8
    }

    [Fact]
    public async Task A_sweep_with_nothing_changed_generates_nothing_again_and_a_change_regenerates_only_its_hall()
    {
        await fixture.AddHallAsync("quiet-hall");
        await fixture.AddHallAsync("busy-hall");
        var sweep = fixture.System[CivicHallSystem.Sanitation].Services.GetRequiredService<DueTaskSweep>();
        await sweep.SweepOnceAsync(Ct);
        var first = await GenerationsAsync();
        Assert.Equal(4, first.Count); // today and tomorrow of each hall
        var tasksBefore = await TaskRowVersionsAsync();
        Assert.NotEmpty(tasksBefore);

        // Nothing changed: no hall-day is generated again, no task row is rewritten.
        Assert.Equal(0, await sweep.SweepOnceAsync(Ct));
        Assert.Equal(0, await sweep.SweepOnceAsync(Ct));
        Assert.Equal(first, await GenerationsAsync());
        Assert.Equal(tasksBefore, await TaskRowVersionsAsync());

        // The hall directory changes (HallConfigured raises the version): the next pass generates that hall's two days, not the other's.
        await fixture.AddHallAsync("busy-hall", withRestroom: false);
        Assert.True(await sweep.SweepOnceAsync(Ct) > 0);
        var afterHall = await GenerationsAsync();
        Assert.Equal(first.Where(g => g.Key.StartsWith("quiet-hall", StringComparison.Ordinal)), afterHall.Where(g => g.Key.StartsWith("quiet-hall", StringComparison.Ordinal)));
        Assert.All(afterHall.Where(g => g.Key.StartsWith("busy-hall", StringComparison.Ordinal)), g => Assert.Equal(first[g.Key] + 1, g.Value));

        // A plan version regenerates at once (no sweep), and the sweep after it finds nothing to do.
        using var ops = fixture.Client(Roles.Ops);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/quiet-hall/sanitation/plan", new { }, Ct))).Status);
        var afterPlan = await GenerationsAsync();
        Assert.All(afterPlan.Where(g => g.Key.StartsWith("quiet-hall", StringComparison.Ordinal)), g => Assert.Equal(afterHall[g.Key] + 1, g.Value));
        Assert.Equal(0, await sweep.SweepOnceAsync(Ct));
        Assert.Equal(afterPlan, await GenerationsAsync());

        // A meeting changed behind the triggers' back (its regeneration lost): the sweep catches up with that day.
        await fixture.System.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation, db => db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO meetings (hall_id, meeting_id, zone_id, starts_at, ends_at, expected_attendees, title, status, created_by, updated_by, created_at, updated_at)
            VALUES ('quiet-hall', 'late-meeting', 'meeting-a', '2026-12-01T06:00:00Z', '2026-12-01T07:00:00Z', 5, 'x', 'scheduled', 't', 't', now(), now())
            """));
        await sweep.SweepOnceAsync(Ct);
        var afterMeeting = await GenerationsAsync();
        Assert.Equal(afterPlan[$"quiet-hall {Today}"] + 1, afterMeeting[$"quiet-hall {Today}"]);
        Assert.Equal(afterPlan["quiet-hall 2026-12-02"], afterMeeting["quiet-hall 2026-12-02"]);
        Assert.Contains(await TasksAsync("quiet-hall"), t => t.MeetingId == "late-meeting");

        Task<Dictionary<string, int>> GenerationsAsync() => fixture.System.QueryAsync<SanitationDbContext, Dictionary<string, int>>(
            CivicHallSystem.Sanitation, db => db.GeneratedDays.AsNoTracking().Where(g => g.HallId == "quiet-hall" || g.HallId == "busy-hall")
                .ToDictionaryAsync(g => $"{g.HallId} {g.LocalDate:yyyy-MM-dd}", g => g.Generations));

        Task<List<string>> TaskRowVersionsAsync() => fixture.System.QueryAsync<SanitationDbContext, List<string>>(
            CivicHallSystem.Sanitation, db => db.Database.SqlQuery<string>(
                $"SELECT id::text || ':' || xmin::text AS \"Value\" FROM sanitation_tasks WHERE hall_id IN ('quiet-hall', 'busy-hall') ORDER BY id").ToListAsync());
    }
}
