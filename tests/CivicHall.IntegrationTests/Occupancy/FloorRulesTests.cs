using CivicHall.Contracts.Incidents.V1;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.IntegrationTests.Booking;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Announcements;
using CivicHall.Occupancy.Containment;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;
using CivicHall.Occupancy.Halls;
using CivicHall.Occupancy.Planning;
using CivicHall.Occupancy.Records;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>
/// The floor's rules, each against real PostgreSQL and RabbitMQ: closures and their reopening, suspension,
/// the daily quota, alert levels with their cool-down, policy versions, movements between zones, the
/// estimated wait at the door and the throttled <see cref="OccupancyChanged"/>. Occupancy runs on a clock the test sets.
/// </summary>
public sealed class FloorRulesTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(BookingSetup.NextWeekday().ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime());
    private CivicHallSystem _system = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _system = await CivicHallSystem.StartAsync(
        infrastructure,
        occupancyClock: _clock,
        extraSettings: new Dictionary<string, string?>
        {
            ["Occupancy:LiveFeed:SubscribeTimeout"] = "00:00:01",

            // The tests run the announcer and the floor-plan check themselves. Their background loops wait on this
            // test's clock, which the tests move on by seconds to days: longer intervals keep them out of the way.
            ["Occupancy:Announcer:CheckInterval"] = "40.00:00:00",
            ["Occupancy:FloorPlan:CheckInterval"] = "40.00:00:00",
        });

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    private Task<HallOccupancy> StateAsync(string hallId) => FloorSetup.StateAsync(_system, hallId);

    private async Task AdmitAsync(string hallId, IEnumerable<int> people, string kind = "visitor")
    {
        var before = await FloorSetup.AdmissionsAsync(_system, hallId);
        var list = people.ToList();
        foreach (var person in list)
        {
            await FloorSetup.PublishAsync(_system, FloorSetup.Admitted(hallId, person, kind));
        }

        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, hallId), n => n == before + list.Count, because: "every admission should reach the door");
    }

    private async Task ExitAsync(string hallId, int person)
    {
        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        (await screener.PostAsJsonAsync($"/api/v1/halls/{hallId}/exits", new { personKey = FloorSetup.PersonKey(person) }, Ct)).EnsureSuccessStatusCode();
    }

    private Task<OccupancyZone> ZoneAsync(string hallId, string zoneId) =>
        _system.QueryAsync<OccupancyDbContext, OccupancyZone>(CivicHallSystem.Occupancy, db => db.Zones.AsNoTracking().SingleAsync(z => z.HallId == hallId && z.ZoneId == zoneId));

    private Task<List<Admission>> AdmissionsAsync(string hallId) =>
        _system.QueryAsync<OccupancyDbContext, List<Admission>>(CivicHallSystem.Occupancy, db => db.Admissions.AsNoTracking().Where(a => a.HallId == hallId).ToListAsync());

    [Fact]
    public async Task A_closed_zone_takes_no_one_and_reopens_only_after_its_disinfection_or_an_audited_override()
    {
        await using var closed = await EventProbe<ZoneClosed>.StartAsync(_system.MessagingUri);
        await using var reopened = await EventProbe<ZoneReopened>.StartAsync(_system.MessagingUri);
        await FloorSetup.AddHallAsync(_system, "closing", floorAreaM2: 100m);
        await AdmitAsync("closing", [1, 2, 3]);

        await FloorSetup.PublishAsync(_system, new ZoneClosureOrdered("inc-1", "closing", "floor-1", "确诊病例到访", DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(() => ZoneAsync("closing", "floor-1"), z => z.State == ZoneState.Closed, because: "the zone should close");
        var message = await Eventually.UntilAsync(() => Task.FromResult(closed.Received.FirstOrDefault(m => m.HallId == "closing")), m => m is not null);
        Assert.Equal((3, "inc-1"), (message!.PeopleInside, message.IncidentId));
        Assert.Equal((0, 3), ((await StateAsync("closing")).Capacity, (await ZoneAsync("closing", "floor-1")).Count));

        using var leader = _system.Client(CivicHallSystem.Occupancy, Roles.DutyLeader);
        var occupants = await leader.GetFromJsonAsync<ZoneOccupants>("/api/v1/halls/closing/zones/floor-1/occupants", Ct);
        Assert.Equal([.. new[] { 1, 2, 3 }.Select(FloorSetup.PersonKey)], occupants!.Occupants.Select(o => o.PersonKey).Order());
        Assert.Null(occupants.NextCursor);

        await AdmitAsync("closing", [4]);
        Assert.Equal(1, (await StateAsync("closing")).QueueLength);

        await FloorSetup.PublishAsync(_system, new ZoneSanitized(Guid.NewGuid(), "closing", "floor-1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(() => StateAsync("closing"), s => s.QueueLength == 0, because: "the reopened zone should let the queue in");
        Assert.Equal((15, 4), ((await StateAsync("closing")).Capacity, (await ZoneAsync("closing", "floor-1")).Count));
        await Eventually.UntilAsync(() => Task.FromResult(reopened.Received.FirstOrDefault(m => m.HallId == "closing")), m => m?.ReopenedBy == "sanitized");

        // By hand: closing needs a reason; reopening before disinfection is an override, with a reason, on record.
        Task<List<ZoneAuditEntry>> AuditAsync() =>
            _system.QueryAsync<OccupancyDbContext, List<ZoneAuditEntry>>(CivicHallSystem.Occupancy, db => db.Set<ZoneAuditEntry>().AsNoTracking().Where(e => e.HallId == "closing").OrderBy(e => e.Id).ToListAsync());
        var noReason = await ProblemAsync(await leader.PostAsJsonAsync("/api/v1/halls/closing/zones/floor-1/closure", new { }, Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (noReason.Status, noReason.Code));
        Assert.Equal((ZoneState.Open, 0), ((await ZoneAsync("closing", "floor-1")).State, (await AuditAsync()).Count)); // refused: nothing closed, nothing recorded
        (await leader.PostAsJsonAsync("/api/v1/halls/closing/zones/floor-1/closure", new { reason = "疑似病例" }, Ct)).EnsureSuccessStatusCode();
        var twice = await ProblemAsync(await leader.PostAsJsonAsync("/api/v1/halls/closing/zones/floor-1/closure", new { reason = "again" }, Ct));
        Assert.Equal((HttpStatusCode.Conflict, "zone_closed"), (twice.Status, twice.Code));
        (await leader.PostAsJsonAsync("/api/v1/halls/closing/zones/floor-1/reopening", new { reason = "排除疑似，已完成消毒" }, Ct)).EnsureSuccessStatusCode();
        var reopenOpen = await ProblemAsync(await leader.PostAsJsonAsync("/api/v1/halls/closing/zones/floor-1/reopening", new { reason = "again" }, Ct));
        Assert.Equal((HttpStatusCode.Conflict, "zone_not_closed"), (reopenOpen.Status, reopenOpen.Code));
        var audit = await AuditAsync();
        Assert.Equal(["closed", "reopened_override"], audit.Select(e => e.Action)); // the two refusals left no entry
        Assert.Equal(["疑似病例", "排除疑似，已完成消毒"], audit.Select(e => e.Reason));
        Assert.All(audit, e => Assert.False(string.IsNullOrEmpty(e.By)));
        Assert.Equal(ZoneState.Open, (await ZoneAsync("closing", "floor-1")).State);
        await Eventually.UntilAsync(() => Task.FromResult(reopened.Received.Count(m => m.HallId == "closing")), n => n == 2);
        Assert.Contains(reopened.Received, m => m.ReopenedBy == "override" && m.OverriddenBy is not null);

        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        var forbidden = await ProblemAsync(await screener.PostAsJsonAsync("/api/v1/halls/closing/zones/floor-1/closure", new { reason = "x" }, Ct));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (forbidden.Status, forbidden.Code));
        Assert.Equal((ZoneState.Open, 2), ((await ZoneAsync("closing", "floor-1")).State, (await AuditAsync()).Count));
    }

    private static async Task<(HttpStatusCode Status, string? Code)> ProblemAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null);
        }
    }

    [Fact]
    public async Task Suspending_on_site_service_sends_the_queue_away_and_turns_visitors_away_until_resumed()
    {
        await FloorSetup.AddHallAsync(_system, "pause", floorAreaM2: 100m);
        await AdmitAsync("pause", Enumerable.Range(1, 17));
        Assert.Equal((15, 2), ((await StateAsync("pause")).Inside, (await StateAsync("pause")).QueueLength));

        await FloorSetup.PublishAsync(_system, new OnSiteServiceSuspended("inc-2", "pause", "暂停现场服务", DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(() => StateAsync("pause"), s => s.OnSiteState == "suspended", because: "the hall should be suspended");
        Assert.Equal(0, (await StateAsync("pause")).QueueLength);
        Assert.Equal("suspended", await _system.QueryAsync<OccupancyDbContext, string>(CivicHallSystem.Occupancy, db => db.Halls.Where(h => h.Id == "pause").Select(h => h.OnSiteState).SingleAsync()));

        await AdmitAsync("pause", [18]);
        await AdmitAsync("pause", [19], kind: "staff");
        var admissions = await AdmissionsAsync("pause");
        Assert.Equal(3, admissions.Count(a => a.State == AdmissionState.TurnedAway && a.Reason == "on_site_suspended"));
        Assert.Equal(1, (await StateAsync("pause")).StaffPresent);

        await FloorSetup.PublishAsync(_system, new OnSiteServiceResumed("inc-2", "pause", DateTimeOffset.UtcNow));
        await Eventually.UntilAsync(() => StateAsync("pause"), s => s.OnSiteState == "open", because: "service should resume");
        await AdmitAsync("pause", [20]);
        Assert.Equal(1, (await StateAsync("pause")).QueueLength);
    }

    [Fact]
    public async Task The_daily_quota_stops_new_visitors_but_not_staff_and_the_next_day_starts_afresh()
    {
        await FloorSetup.AddHallAsync(_system, "quota");
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/quota/occupancy-policy", new { dailyQuota = 3 }, Ct)).EnsureSuccessStatusCode();

        await AdmitAsync("quota", Enumerable.Range(1, 5));
        await AdmitAsync("quota", [6], kind: "staff");
        var admissions = await AdmissionsAsync("quota");
        Assert.Equal(3, admissions.Count(a => a.State == AdmissionState.Inside && a.PersonKind == "visitor"));
        Assert.Equal(2, admissions.Count(a => a.Reason == "quota_reached"));
        Assert.Equal((3, 1), ((await StateAsync("quota")).ReceivedToday, (await StateAsync("quota")).StaffPresent));

        _clock.Advance(TimeSpan.FromDays(1));
        await AdmitAsync("quota", [7]);
        Assert.Equal(1, (await StateAsync("quota")).ReceivedToday);
        Assert.Equal(4, (await AdmissionsAsync("quota")).Count(a => a.State == AdmissionState.Inside && a.PersonKind == "visitor"));
    }

    [Fact]
    public async Task Alerts_are_raised_at_each_level_and_not_again_within_the_cool_down()
    {
        await using var alerts = await EventProbe<ZoneAtCapacity>.StartAsync(_system.MessagingUri);
        await FloorSetup.AddHallAsync(_system, "alerts", floorAreaM2: 100m); // 15 places: 80 % at 12
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/alerts/occupancy-policy", new { alertLevels = new[] { 80, 100 }, alertCooldownSeconds = 300 }, Ct)).EnsureSuccessStatusCode();

        await AdmitAsync("alerts", Enumerable.Range(1, 12));
        await ExitAsync("alerts", 1);
        await AdmitAsync("alerts", [13]);                  // back at 12 within the cool-down: quiet
        await AdmitAsync("alerts", [14, 15, 16]);          // 15: full
        _clock.Advance(TimeSpan.FromSeconds(301));
        foreach (var person in new[] { 2, 3, 4, 5 })
        {
            await ExitAsync("alerts", person);             // down to 11
        }

        await AdmitAsync("alerts", [17]);                  // 12 again, after the cool-down

        // An alert is written to the outbox by the movement that raises it, in the movement's own
        // transaction; every movement above has committed, so these rows are every alert there is.
        var raised = (await _system.QueryAsync<OccupancyDbContext, List<OutboxMessage>>(CivicHallSystem.Occupancy, db =>
                db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == typeof(ZoneAtCapacity).FullName).OrderBy(m => m.Sequence).ToListAsync(Ct)))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Where(e => e.GetProperty("hallId").GetString() == "alerts")
            .ToList();
        Assert.Equal([80, 100, 80], raised.Select(e => e.GetProperty("levelPercent").GetInt32()));

        // ...and each reaches the broker.
        await Eventually.UntilAsync(() => Task.FromResult(alerts.Received.Count(a => a.HallId == "alerts")), n => n >= 3, because: "each alert should be published");
        Assert.Equal([80, 100, 80], alerts.Received.Where(a => a.HallId == "alerts").OrderBy(a => a.OccurredAt).ThenBy(a => a.Count).Select(a => a.LevelPercent));
    }

    [Fact]
    public async Task A_policy_version_changes_capacities_when_it_takes_effect_and_a_zone_with_people_cannot_be_removed()
    {
        await FloorSetup.AddHallAsync(_system, "phases", withMeetingRoom: true);
        Assert.Equal(150 + 20, (await StateAsync("phases")).Capacity);
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var later = _clock.GetUtcNow().AddHours(1);
        (await ops.PutAsJsonAsync("/api/v1/halls/phases/occupancy-policy", new { effectiveFrom = later, densityPer100M2 = 10m, zoneCaps = new { meeting_room = 10 } }, Ct)).EnsureSuccessStatusCode();

        var activator = _system[CivicHallSystem.Occupancy].Services.GetRequiredService<FloorPlanActivationService>();
        await activator.ActivateDueAsync(Ct);
        Assert.Equal(170, (await StateAsync("phases")).Capacity);

        _clock.Advance(TimeSpan.FromHours(1));
        await activator.ActivateDueAsync(Ct);
        var state = await StateAsync("phases");
        Assert.Equal((100 + 10, 1), (state.Capacity, state.PolicyVersion));

        await AdmitAsync("phases", [1]);
        var withoutFloor = new
        {
            name = "测试大厅",
            district = "青浦区",
            timeZone = "Asia/Shanghai",
            openingHours = Array.Empty<object>(),
            overrides = Array.Empty<object>(),
            zones = new[] { new { zoneId = "floor-2", kind = "service_floor", name = "二楼", areaM2 = 500m } },
        };
        var refused = await ops.PutAsJsonAsync("/api/v1/halls/phases", withoutFloor, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("zone_occupied", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_move_only_into_open_zones_with_room()
    {
        await FloorSetup.AddHallAsync(_system, "moves", withMeetingRoom: true);
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/moves/occupancy-policy", new { zoneCaps = new { meeting_room = 1 } }, Ct)).EnsureSuccessStatusCode();
        await AdmitAsync("moves", [1, 2]);
        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);

        var moved = await screener.PostAsJsonAsync("/api/v1/halls/moves/movements", new { personKey = FloorSetup.PersonKey(1), toZoneId = "meeting-a" }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal((1, 1), ((await ZoneAsync("moves", "floor-1")).Count, (await ZoneAsync("moves", "meeting-a")).Count));
        Assert.Equal(2, (await StateAsync("moves")).Inside);

        async Task<string?> CodeAsync(object body) =>
            (await (await screener.PostAsJsonAsync("/api/v1/halls/moves/movements", body, Ct)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct))
                .GetProperty("code").GetString();
        Assert.Equal("zone_full", await CodeAsync(new { personKey = FloorSetup.PersonKey(2), toZoneId = "meeting-a" }));
        Assert.Equal("zone_unknown", await CodeAsync(new { personKey = FloorSetup.PersonKey(2), toZoneId = "nowhere" }));
        Assert.Equal("not_inside", await CodeAsync(new { personKey = FloorSetup.PersonKey(3), toZoneId = "meeting-a" }));
        Assert.Equal("already_there", await CodeAsync(new { personKey = FloorSetup.PersonKey(1), toZoneId = "meeting-a" }));

        // Into a closed zone: refused, and no one moves.
        using var leader = _system.Client(CivicHallSystem.Occupancy, Roles.DutyLeader);
        (await leader.PostAsJsonAsync("/api/v1/halls/moves/zones/floor-1/closure", new { reason = "消毒" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal("zone_closed", await CodeAsync(new { personKey = FloorSetup.PersonKey(1), toZoneId = "floor-1" }));
        Assert.Equal((1, 1), ((await ZoneAsync("moves", "floor-1")).Count, (await ZoneAsync("moves", "meeting-a")).Count));

        var presences = await _system.QueryAsync<OccupancyDbContext, List<ZonePresence>>(CivicHallSystem.Occupancy, db =>
            db.ZonePresences.AsNoTracking().Where(p => p.HallId == "moves" && p.PersonKey == FloorSetup.PersonKey(1)).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(["floor-1", "meeting-a"], presences.Select(p => p.ZoneId));
        Assert.NotNull(presences[0].LeftAt);
        Assert.Null(presences[1].LeftAt);
    }

    [Fact]
    public async Task The_estimated_wait_is_the_queue_over_the_rate_of_visitor_exits_in_the_last_15_minutes()
    {
        await FloorSetup.AddHallAsync(_system, "wait", floorAreaM2: 20m); // 3 places
        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        async Task<(int Queue, double? Wait)> ViewAsync()
        {
            var view = await screener.GetFromJsonAsync<JsonElement>("/api/v1/halls/wait/occupancy", Ct);
            var wait = view.GetProperty("estimatedWaitMinutes");
            return (view.GetProperty("queueLength").GetInt32(), wait.ValueKind == JsonValueKind.Null ? null : wait.GetDouble());
        }

        Assert.Equal((0, 0d), await ViewAsync());          // no one waiting: no wait, though no one has left yet
        await AdmitAsync("wait", [1, 2, 3]);
        Assert.Equal((0, 0d), await ViewAsync());
        await AdmitAsync("wait", Enumerable.Range(4, 6));
        Assert.Equal((6, (double?)null), await ViewAsync()); // people waiting, no exits to estimate from: unknown

        await ExitAsync("wait", 1);                         // at 10:00; 4 let in
        Assert.Equal((5, 75d), await ViewAsync());          // 5 ÷ (1 exit / 15 min)

        _clock.Advance(TimeSpan.FromMinutes(10));
        await AdmitAsync("wait", [100], kind: "staff");
        await ExitAsync("wait", 100);                       // staff leaving frees no place: not counted
        await ExitAsync("wait", 2);
        await ExitAsync("wait", 3);                         // at 10:10; 5 and 6 let in
        Assert.Equal((3, 15d), await ViewAsync());          // 3 ÷ (3 exits / 15 min)

        _clock.Advance(TimeSpan.FromMinutes(6));            // 10:16: the exit at 10:00 is out of the window
        Assert.Equal((3, 22.5), await ViewAsync());         // 3 ÷ (2 exits / 15 min)
    }

    [Fact]
    public async Task Occupancy_changes_are_announced_at_most_once_per_throttle_and_once_after_the_last_change()
    {
        await using var changes = await EventProbe<OccupancyChanged>.StartAsync(_system.MessagingUri);
        await FloorSetup.AddHallAsync(_system, "throttle");
        var announcer = _system[CivicHallSystem.Occupancy].Services.GetRequiredService<OccupancyAnnouncementService>();
        _clock.Advance(TimeSpan.FromSeconds(10));
        await announcer.AnnounceDueAsync(Ct);

        await AdmitAsync("throttle", [1, 2, 3]);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await announcer.AnnounceDueAsync(Ct));
        await AdmitAsync("throttle", [4]);
        Assert.Equal(0, await announcer.AnnounceDueAsync(Ct)); // within the throttle
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await announcer.AnnounceDueAsync(Ct));  // the last change is announced too
        Assert.Equal(0, await announcer.AnnounceDueAsync(Ct));

        var last = await Eventually.UntilAsync(
            () => Task.FromResult(changes.Received.Where(c => c.HallId == "throttle").MaxBy(c => c.Sequence)), c => c?.Inside == 4);
        Assert.Equal(150, last!.Capacity);
        Assert.Equal((4, 4L), (last.Zones.Single(z => z.ZoneId == "floor-1").Count, last.Zones.Single(z => z.ZoneId == "floor-1").Entered));

        // Entered counts steps into the zone and only grows (sanitation counts visitors since a cleaning from it).
        await ExitAsync("throttle", 1);
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await announcer.AnnounceDueAsync(Ct));
        var afterExit = await Eventually.UntilAsync(
            () => Task.FromResult(changes.Received.Where(c => c.HallId == "throttle").MaxBy(c => c.Sequence)), c => c?.Inside == 3);
        Assert.Equal((3, 4L), (afterExit!.Zones.Single(z => z.ZoneId == "floor-1").Count, afterExit.Zones.Single(z => z.ZoneId == "floor-1").Entered));
    }

    [Fact]
    public async Task Movement_records_past_their_retention_are_purged_unless_the_visit_is_under_way_or_an_incident_holds_it()
    {
        await FloorSetup.AddHallAsync(_system, "purge");
        await AdmitAsync("purge", [1, 2, 3]);
        await ExitAsync("purge", 1);
        await ExitAsync("purge", 2);
        var held = FloorSetup.PersonKey(2);
        await _system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db =>
            db.Admissions.Where(a => a.HallId == "purge" && a.PersonKey == held).ExecuteUpdateAsync(u => u.SetProperty(a => a.HeldBy, "case-7"), Ct));
        var purger = _system[CivicHallSystem.Occupancy].Services.GetRequiredService<MovementRecordPurger>();

        Task<(List<string> Admissions, List<string> Presences)> LeftAsync() =>
            _system.QueryAsync<OccupancyDbContext, (List<string>, List<string>)>(CivicHallSystem.Occupancy, async db => (
                await db.Admissions.Where(a => a.HallId == "purge").OrderBy(a => a.PersonKey).Select(a => a.PersonKey).ToListAsync(Ct),
                await db.ZonePresences.Where(p => p.HallId == "purge").OrderBy(p => p.PersonKey).Select(p => p.PersonKey).ToListAsync(Ct)));

        _clock.Advance(TimeSpan.FromDays(27)); // within the default 28 days
        await purger.SweepOnceAsync(Ct);
        Assert.Equal(3, (await LeftAsync()).Admissions.Count);

        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await purger.SweepOnceAsync(Ct);
        var (admissions, presences) = await LeftAsync();
        Assert.Equal([FloorSetup.PersonKey(2), FloorSetup.PersonKey(3)], admissions); // held by a case; still inside
        Assert.Equal([FloorSetup.PersonKey(2), FloorSetup.PersonKey(3)], presences);
        Assert.Equal(1, (await StateAsync("purge")).Inside);
    }

    [Fact]
    public async Task A_case_holds_its_persons_movement_records_past_retention_and_its_close_lets_them_go_only_after_the_hold_period()
    {
        await FloorSetup.AddHallAsync(_system, "hold");
        await AdmitAsync("hold", [1, 2]);
        await ExitAsync("hold", 1);
        await ExitAsync("hold", 2);
        var person = FloorSetup.PersonKey(2);
        var incident = Guid.NewGuid();
        var purger = _system[CivicHallSystem.Occupancy].Services.GetRequiredService<MovementRecordPurger>();

        // Whose admissions and zone presences are left, each as one text.
        Task<(string Admissions, string Presences)> LeftAsync() =>
            _system.QueryAsync<OccupancyDbContext, (string, string)>(CivicHallSystem.Occupancy, async db => (
                string.Join(',', await db.Admissions.Where(a => a.HallId == "hold").OrderBy(a => a.PersonKey).Select(a => a.PersonKey).ToListAsync(Ct)),
                string.Join(',', await db.ZonePresences.Where(p => p.HallId == "hold").OrderBy(p => p.PersonKey).Select(p => p.PersonKey).ToListAsync(Ct))));
        Task<string?> HeldByAsync() => _system.QueryAsync<OccupancyDbContext, string?>(CivicHallSystem.Occupancy, db =>
            db.Admissions.Where(a => a.HallId == "hold" && a.PersonKey == person).Select(a => a.HeldBy).SingleAsync(Ct));

        await FloorSetup.PublishAsync(_system, new IncidentOpened(incident, "hold", "abnormal_screening", person, "visitor", null, null, "system:screening", _clock.GetUtcNow()));
        await Eventually.UntilAsync(HeldByAsync, held => held == incident.ToString(), because: "occupancy should hold the case's person's admission");

        _clock.Advance(TimeSpan.FromDays(28) + TimeSpan.FromMinutes(1)); // past the default 28 days
        await purger.SweepOnceAsync(Ct);
        Assert.Equal((person, person), await LeftAsync()); // the other visitor's records went

        var heldUntil = _clock.GetUtcNow().AddDays(14);
        await FloorSetup.PublishAsync(_system, new IncidentClosed(incident, "hold", "abnormal_screening", "released", person, heldUntil, _clock.GetUtcNow()));
        await Eventually.UntilAsync(HeldByAsync, held => held is null, because: "the closed case should release its hold");
        await purger.SweepOnceAsync(Ct);
        Assert.Equal((person, person), await LeftAsync()); // kept for the hold's period

        _clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        await purger.SweepOnceAsync(Ct);
        Assert.Equal((string.Empty, string.Empty), await LeftAsync());
    }

    [Fact]
    public async Task A_traced_contacts_movement_records_are_held_while_any_case_tracing_them_is_open_and_after_its_close_until_its_date()
    {
        await FloorSetup.AddHallAsync(_system, "traced");
        await AdmitAsync("traced", [1, 2, 3, 4]);
        foreach (var person in new[] { 1, 2, 3, 4 })
        {
            await ExitAsync("traced", person);
        }

        var (first, second, closedFirst) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var start = _clock.GetUtcNow();
        var purger = _system[CivicHallSystem.Occupancy].Services.GetRequiredService<MovementRecordPurger>();
        ContactsTraced Traced(Guid incident, params int[] people) =>
            new(incident, Guid.NewGuid(), "traced", [.. people.Select(FloorSetup.PersonKey)], start.AddDays(-1), start, _clock.GetUtcNow());
        Task<string> LeftAsync() => _system.QueryAsync<OccupancyDbContext, string>(CivicHallSystem.Occupancy, async db =>
            string.Join(',', await db.Admissions.Where(a => a.HallId == "traced").OrderBy(a => a.PersonKey).Select(a => a.PersonKey).ToListAsync(Ct))
            + "|" + string.Join(',', await db.ZonePresences.Where(p => p.HallId == "traced").OrderBy(p => p.PersonKey).Select(p => p.PersonKey).ToListAsync(Ct)));
        Task<string?> HeldByAsync(int person) => _system.QueryAsync<OccupancyDbContext, string?>(CivicHallSystem.Occupancy, db =>
            db.Admissions.Where(a => a.HallId == "traced" && a.PersonKey == FloorSetup.PersonKey(person)).Select(a => a.HeldBy).SingleAsync(Ct));
        Task<int> HoldsAsync(Guid incident) =>
            _system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Set<RecordHold>().CountAsync(h => h.IncidentId == incident, Ct));
        string Keys(params int[] people) => string.Join(',', people.Select(FloorSetup.PersonKey));

        // A list that arrives after its case closed keeps its people's records until the close's date, not for ever.
        await FloorSetup.PublishAsync(_system, new IncidentClosed(closedFirst, "traced", "confirmed_case", "released", null, start.AddDays(35), _clock.GetUtcNow()));
        await Eventually.UntilAsync(
            () => _system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Set<RecordHoldClosure>().CountAsync(c => c.IncidentId == closedFirst, Ct)),
            n => n == 1,
            because: "occupancy should record the close");
        await FloorSetup.PublishAsync(_system, Traced(closedFirst, 4));
        await Eventually.UntilAsync(() => HoldsAsync(closedFirst), n => n == 1, because: "the late list should be recorded, released");
        Assert.Null(await HeldByAsync(4));

        // Two open cases trace person 3; the first also person 2; the first's list is delivered again.
        var list = Traced(first, 2, 3);
        await FloorSetup.PublishAsync(_system, list);
        await Eventually.UntilAsync(() => HeldByAsync(3), by => by == first.ToString(), because: "occupancy should hold the traced contacts' admissions");
        await FloorSetup.PublishAsync(_system, Traced(second, 3));
        await Eventually.UntilAsync(() => HoldsAsync(second), n => n == 1, because: "occupancy should record the second case's hold");
        var again = Guid.NewGuid();
        await FloorSetup.PublishAsync(_system, list, again);
        await Eventually.UntilAsync(
            () => _system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Set<InboxMessage>().CountAsync(m => m.MessageId == again, Ct)),
            n => n == 1,
            because: "occupancy should take the list delivered again");
        Assert.Equal(2, await HoldsAsync(first));
        Assert.Equal((first.ToString(), first.ToString()), (await HeldByAsync(2), await HeldByAsync(3)));

        _clock.Advance(TimeSpan.FromDays(28) + TimeSpan.FromMinutes(1)); // past the default 28 days
        await purger.SweepOnceAsync(Ct);
        Assert.Equal($"{Keys(2, 3, 4)}|{Keys(2, 3, 4)}", await LeftAsync());

        // The first case closes: person 2 is kept for its period; person 3 stays held by the second case.
        await FloorSetup.PublishAsync(_system, new IncidentClosed(first, "traced", "confirmed_case", "released", null, start.AddDays(36), _clock.GetUtcNow()));
        await Eventually.UntilAsync(() => HeldByAsync(2), by => by is null, because: "the first case's close should release its contacts");
        Assert.Equal(second.ToString(), await HeldByAsync(3));

        _clock.SetUtcNow(start.AddDays(35).AddMinutes(1)); // past the late list's date
        await purger.SweepOnceAsync(Ct);
        Assert.Equal($"{Keys(2, 3)}|{Keys(2, 3)}", await LeftAsync());

        _clock.SetUtcNow(start.AddDays(36).AddMinutes(1)); // past the first case's date
        await purger.SweepOnceAsync(Ct);
        Assert.Equal($"{Keys(3)}|{Keys(3)}", await LeftAsync());

        await FloorSetup.PublishAsync(_system, new IncidentClosed(second, "traced", "confirmed_case", "released", null, _clock.GetUtcNow().AddDays(1), _clock.GetUtcNow()));
        await Eventually.UntilAsync(() => HeldByAsync(3), by => by is null, because: "the second case's close should release person 3");
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await purger.SweepOnceAsync(Ct);
        Assert.Equal("|", await LeftAsync());
    }

    [Fact]
    public async Task A_stream_asked_for_while_the_live_feed_is_not_listening_is_503_live_feed_unavailable_and_served_once_it_listens_again()
    {
        await FloorSetup.AddHallAsync(_system, "feed");
        using var client = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        async Task<(HttpStatusCode Status, string? Code)> AskAsync()
        {
            using var response = await client.GetAsync("/api/v1/halls/feed/occupancy/stream", HttpCompletionOption.ResponseHeadersRead, Ct);
            return response.StatusCode == HttpStatusCode.OK
                ? (response.StatusCode, null)
                : (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await AskAsync()).Status);

        // The feed loses its connection and listens again only after its back-off, on the service's
        // clock, which stands still here: until it moves, a new stream waits 1 s (SubscribeTimeout) and is refused.
        await _system.QueryAsync<OccupancyDbContext, List<bool>>(CivicHallSystem.Occupancy, db => db.Database.SqlQuery<bool>(
            $"""
            SELECT pg_terminate_backend(pid) AS "Value" FROM pg_stat_activity
            WHERE application_name = 'civichall-occupancy-feed' AND datname = current_database()
            """).ToListAsync());
        var refused = await Eventually.UntilAsync(AskAsync, a => a.Status != HttpStatusCode.OK, because: "the feed should notice it lost its connection");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "live_feed_unavailable"), refused);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "live_feed_unavailable"), await AskAsync()); // still, while the clock stands

        // The back-off passes: the feed listens again and streams are served.
        await Eventually.UntilAsync(
            async () =>
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                return (await AskAsync()).Status;
            },
            status => status == HttpStatusCode.OK,
            because: "the feed should listen again once its back-off has passed");
    }
}
