using CivicHall.Contracts.Incidents.V1;
using CivicHall.Incident.Data;
using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Screening;
using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// Deadlines and escalation end to end, through the gateway and the broker, on incident's test clock: a fever on a
/// retest at screening opens one case, which is isolated, reported and its hospital notified in time (no escalation);
/// a case left alone climbs duty leader → street office → CDC for each deadline at the minutes of the default policy,
/// one level per deadline and sweep, none raised twice however often the sweep runs.
/// </summary>
public sealed class IncidentDeadlineTests(IncidentSystemFixture fixture) : IClassFixture<IncidentSystemFixture>
{
    private const string Root = "/api/v1/incidents";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<(string Deadline, string Level, DateTimeOffset DueAt)>> EscalationsAsync(Guid incidentId) =>
        fixture.System.QueryAsync<IncidentDbContext, List<(string, string, DateTimeOffset)>>(CivicHallSystem.Incident, async db =>
            [.. (await db.Escalations.AsNoTracking().Where(e => e.IncidentId == incidentId).ToListAsync(Ct))
                .OrderBy(e => e.DueAt).ThenBy(e => e.Deadline, StringComparer.Ordinal).Select(e => (e.Deadline, e.Level, e.DueAt))]);

    private static object Reading(decimal temperature, Guid? retestOf = null) => new
    {
        hallId = "inc-e2e",
        personKind = "visitor",
        person = TestPeople.Person(31),
        healthCode = "green",
        testAt = DateTimeOffset.UtcNow.AddHours(-24),
        testResult = "negative",
        temperatureC = temperature,
        mask = true,
        lane = "A1",
        retestOf,
    };

    [Fact]
    public async Task A_fever_on_retest_opens_one_case_handled_in_time_while_a_case_left_alone_escalates_at_the_right_minutes()
    {
        await using var escalated = await EventProbe<IncidentEscalated>.StartAsync(fixture.System.MessagingUri);
        await fixture.AddHallAsync("inc-e2e");
        await ScreeningSetup.WaitUntilKnownAsync(fixture.System, "inc-e2e");
        using var ops = fixture.GatewayClient("ops-001", Roles.Ops);
        using var screener = fixture.GatewayClient("screener-001", Roles.Screener);
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        (await ops.PutAsJsonAsync("/api/v1/halls/inc-e2e/screening-policy", new { bookingRequired = false }, Ct)).EnsureSuccessStatusCode();
        var t0 = fixture.Clock.GetUtcNow();

        // 37.8 °C at the door, 37.8 °C on the retest: isolate, AbnormalPersonDetected through the broker, one case.
        var (_, _, first) = await SendAsync(screener.PostAsJsonAsync("/api/v1/screenings", Reading(37.8m), Ct));
        Assert.Equal("retest", first.GetProperty("outcome").GetString());
        var (_, _, retest) = await SendAsync(screener.PostAsJsonAsync("/api/v1/screenings", Reading(37.8m, first.GetProperty("screeningId").GetGuid()), Ct));
        Assert.Equal("isolate", retest.GetProperty("outcome").GetString());
        var screeningId = retest.GetProperty("screeningId").GetGuid();
        var handled = await Eventually.UntilAsync(
            () => fixture.System.QueryAsync<IncidentDbContext, List<Guid>>(CivicHallSystem.Incident,
                db => db.Incidents.Where(c => c.ScreeningId == screeningId).Select(c => c.IncidentId).ToListAsync(Ct)),
            ids => ids.Count > 0,
            because: "the abnormal reading should open a case");
        var caseId = Assert.Single(handled);
        Assert.Equal(1, await fixture.System.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.Incidents.CountAsync(c => c.HallId == "inc-e2e", Ct)));

        // The other case, opened by hand at the same minute and left alone.
        var leftAlone = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync(Root,
            new { incidentId = leftAlone, hallId = "inc-e2e", kind = "staff_symptoms", zoneId = "floor-1", summary = "窗口工作人员发热、咳嗽" }, Ct))).Status);

        var expected = new List<(string, string, DateTimeOffset)>();
        async Task SweepAtAsync(int minutes, params (string Deadline, string Level, int DueMinutes)[] raised)
        {
            fixture.AdvanceTo(t0.AddMinutes(minutes));
            await fixture.SweepAsync();
            expected.AddRange(raised.Select(r => (r.Deadline, r.Level, t0.AddMinutes(r.DueMinutes))));
            var inOrder = expected.OrderBy(e => e.Item3).ThenBy(e => e.Item1, StringComparer.Ordinal).ToList();
            Assert.Equal(inOrder, await EscalationsAsync(leftAlone));
            // The same minute swept again raises nothing more.
            await fixture.SweepAsync();
            Assert.Equal(inOrder, await EscalationsAsync(leftAlone));
            Assert.Empty(await EscalationsAsync(caseId));
        }

        fixture.AdvanceTo(t0.AddMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(screener.PostAsJsonAsync($"{Root}/{caseId}/steps/isolated", new { zoneId = "iso", escortingStaff = new[] { "screener-002" } }, Ct))).Status);
        await SweepAtAsync(9);
        await SweepAtAsync(10, ("isolated", "duty_leader", 10));
        fixture.AdvanceTo(t0.AddMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{caseId}/steps/reported",
            new { leadership = new[] { "王主任" }, unitOrStreet = "夏阳街道", summary = "复测37.8℃，已隔离" }, Ct))).Status);
        await SweepAtAsync(20, ("isolated", "street_office", 20));
        fixture.AdvanceTo(t0.AddMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(screener.PostAsJsonAsync($"{Root}/{caseId}/actions/hospital-notified", new { via = "120", whom = "120调度员" }, Ct))).Status);
        await SweepAtAsync(30, ("isolated", "cdc", 30), ("reported", "duty_leader", 30));
        await SweepAtAsync(40, ("reported", "street_office", 40));
        await SweepAtAsync(50, ("reported", "cdc", 50));
        await SweepAtAsync(60, ("hospital_notified", "duty_leader", 60));
        await SweepAtAsync(70, ("hospital_notified", "street_office", 70));
        await SweepAtAsync(80, ("hospital_notified", "cdc", 80));
        await SweepAtAsync(120);

        // On the broker: one event per level, under the defaults (version 0); visible on the case.
        var events = await Eventually.UntilAsync(
            () => Task.FromResult(escalated.Received.Where(e => e.IncidentId == leftAlone).ToList()),
            received => received.Count >= 9,
            because: "nine IncidentEscalated should reach the broker");
        Assert.Equal(expected.Select(e => (e.Item1, e.Item2, e.Item3)).Order(), events.Select(e => (e.Deadline, e.Level, e.DueAt)).Order());
        Assert.All(events, e => Assert.Equal(("inc-e2e", "staff_symptoms", 0), (e.HallId, e.Kind, e.PolicyVersion)));
        Assert.DoesNotContain(escalated.Received, e => e.IncidentId == caseId);
        var (_, _, view) = await SendAsync(leader.GetAsync($"{Root}/{leftAlone}", Ct));
        Assert.Equal(9, view.GetProperty("escalations").GetArrayLength());
        Assert.Equal(9, view.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("step").GetString() == "escalated"));
        var (_, _, handledView) = await SendAsync(leader.GetAsync($"{Root}/{caseId}", Ct));
        Assert.Equal(t0.AddMinutes(25), handledView.GetProperty("hospitalNotifiedAt").GetDateTimeOffset());
        Assert.Equal(0, handledView.GetProperty("escalations").GetArrayLength());
    }

    [Fact]
    public async Task A_case_keeps_to_the_policy_version_in_force_when_it_opened()
    {
        await fixture.AddHallAsync("inc-policy-deadline");
        using var ops = fixture.GatewayClient("ops-001", Roles.Ops);
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/inc-policy-deadline/incident-policy",
            new { isolatedWithinMinutes = 5, reportedWithinMinutes = 20, escalationIntervalMinutes = 3 }, Ct))).Status);
        var t0 = fixture.Clock.GetUtcNow();
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync(Root,
            new { incidentId = id, hallId = "inc-policy-deadline", kind = "staff_symptoms", summary = "发热" }, Ct))).Status);
        // A later version does not move the deadlines of a case already open.
        fixture.AdvanceTo(t0.AddMinutes(1));
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/inc-policy-deadline/incident-policy",
            new { isolatedWithinMinutes = 60 }, Ct))).Status);

        fixture.AdvanceTo(t0.AddMinutes(5));
        await fixture.SweepAsync();
        fixture.AdvanceTo(t0.AddMinutes(8));
        await fixture.SweepAsync();
        Assert.Equal(
            new[] { ("isolated", "duty_leader", t0.AddMinutes(5)), ("isolated", "street_office", t0.AddMinutes(8)) },
            await EscalationsAsync(id));
        var versions = await fixture.System.QueryAsync<IncidentDbContext, List<int>>(CivicHallSystem.Incident,
            db => db.Escalations.Where(e => e.IncidentId == id).Select(e => e.PolicyVersion).ToListAsync(Ct));
        Assert.All(versions, v => Assert.Equal(1, v));
    }

    [Fact]
    public async Task A_late_sweep_raises_one_level_per_pass_and_a_step_taken_late_stops_the_chain()
    {
        await fixture.AddHallAsync("inc-late");
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        var t0 = fixture.Clock.GetUtcNow();
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync(Root,
            new { incidentId = id, hallId = "inc-late", kind = "staff_symptoms", summary = "发热" }, Ct))).Status);

        // Nobody swept for 25 minutes: the isolation deadline climbs one level per pass, never two at once.
        fixture.AdvanceTo(t0.AddMinutes(25));
        await fixture.SweepAsync();
        Assert.Equal(new[] { ("isolated", "duty_leader", t0.AddMinutes(10)) }, await EscalationsAsync(id));
        await fixture.SweepAsync();
        Assert.Equal(2, (await EscalationsAsync(id)).Count);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/isolated", new { zoneId = "iso", escortingStaff = new[] { "张医生" } }, Ct))).Status);
        fixture.AdvanceTo(t0.AddMinutes(31));
        await fixture.SweepAsync();
        await fixture.SweepAsync();
        Assert.Equal(
            new[] { ("isolated", "duty_leader", t0.AddMinutes(10)), ("isolated", "street_office", t0.AddMinutes(20)), ("reported", "duty_leader", t0.AddMinutes(30)) },
            await EscalationsAsync(id));
    }
}
