using CivicHall.Contracts.Incidents.V1;
using CivicHall.Incident.Data;
using CivicHall.IntegrationTests.Booking;
using CivicHall.Messaging.Outbox;
using CivicHall.ServiceDefaults.PersonalData;
using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// The rest of the procedure through the gateway: an authority's notice (the person only by screening's key), the
/// isolation zone's places (concurrent isolations into the last one: one wins), informing the unit and notifying the
/// hospital, a refusal's escalation and police call, the versioned policy, and <c>IncidentClosed</c>.
/// </summary>
public sealed class IncidentProcedureTests(IncidentSystemFixture fixture) : IClassFixture<IncidentSystemFixture>
{
    private const string Root = "/api/v1/incidents";
    private static readonly object Isolating = new { zoneId = "iso", escortingStaff = new[] { "screener-002" } };
    private static readonly object Reporting = new { leadership = new[] { "王主任" }, unitOrStreet = "夏阳街道", summary = "已报告" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, JsonElement Body) r) => (r.Status, r.Code);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<(HttpStatusCode Status, string? Code, JsonElement Body, bool Replayed)> SendReplayAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
        return (response.StatusCode, code, body, response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true");
    }

    private static async Task<Guid> OpenAsync(HttpClient client, string hallId, string kind)
    {
        var id = Guid.NewGuid();
        var (status, _, _) = await SendAsync(client.PostAsJsonAsync(Root, new { incidentId = id, hallId, kind, summary = "现场情况" }, Ct));
        Assert.Equal(HttpStatusCode.Created, status);
        return id;
    }

    private async Task<List<string>> OutboxAsync<TEvent>(Guid incidentId)
    {
        var type = typeof(TEvent).FullName;
        var payloads = await fixture.System.QueryAsync<IncidentDbContext, List<string>>(
            CivicHallSystem.Incident, db => db.Set<OutboxMessage>().Where(m => m.MessageType == type).Select(m => m.Payload).ToListAsync(Ct));
        return [.. payloads.Where(p => p.Contains(incidentId.ToString(), StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>A case's row and its steps' rows, whole, as JSON text.</summary>
    private Task<List<string>> RowsAsync(Guid incidentId) =>
        fixture.System.QueryAsync<IncidentDbContext, List<string>>(CivicHallSystem.Incident, async db =>
        [
            .. await db.Database.SqlQuery<string>($"SELECT row_to_json(c)::text AS \"Value\" FROM incident_cases c WHERE incident_id = {incidentId}").ToListAsync(Ct),
            .. await db.Database.SqlQuery<string>($"SELECT row_to_json(s)::text AS \"Value\" FROM incident_steps s WHERE incident_id = {incidentId}").ToListAsync(Ct),
        ]);

    private static object Notice(Guid id, string hallId, string idNumber, string status = "confirmed") => new
    {
        incidentId = id,
        hallId,
        idNumber,
        personKind = "visitor",
        authority = "青浦区疾病预防控制中心",
        status,
        days = new[] { "2026-11-28", "2026-11-27" },
        summary = "该人员曾到大厅办事",
    };

    [Fact]
    public async Task A_notice_opens_a_case_notice_by_screenings_person_key_that_skips_isolation_and_transfer()
    {
        await fixture.AddHallAsync("inc-notice");
        await using var closedProbe = await EventProbe<IncidentClosed>.StartAsync(fixture.System.MessagingUri);
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        using var ops = fixture.GatewayClient("ops-001", Roles.Ops);
        var idNumber = TestPeople.IdNumber(41);
        var id = Guid.NewGuid();

        var created = await SendReplayAsync(ops.PostAsJsonAsync($"{Root}/notices", Notice(id, "inc-notice", idNumber.ToLowerInvariant()), Ct));
        Assert.Equal((HttpStatusCode.Created, "case_notice", "opened", "reported"),
            (created.Status, created.Body.GetProperty("kind").GetString(), created.Body.GetProperty("state").GetString(), string.Join(",", Strings(created.Body.GetProperty("allowedNextSteps")))));
        var screeningKey = fixture.System[CivicHallSystem.Screening].Services.GetRequiredService<PersonalDataProtector>().PersonKey(idNumber);
        Assert.Equal((screeningKey, "visitor"), (created.Body.GetProperty("personKey").GetString(), created.Body.GetProperty("personKind").GetString()));
        var opened = created.Body.GetProperty("timeline")[0].GetProperty("details");
        Assert.Equal(("青浦区疾病预防控制中心", "confirmed", "2026-11-27,2026-11-28"),
            (opened.GetProperty("authority").GetString(), opened.GetProperty("noticeStatus").GetString(), string.Join(",", Strings(opened.GetProperty("days")))));
        Assert.Equal((HttpStatusCode.OK, true), (await SendReplayAsync(ops.PostAsJsonAsync($"{Root}/notices", Notice(id, "inc-notice", idNumber), Ct))) is var r ? (r.Status, r.Replayed) : default);
        Assert.Equal((HttpStatusCode.Conflict, "incident_id_reused"), Pick(await SendAsync(ops.PostAsJsonAsync($"{Root}/notices", Notice(id, "inc-notice", idNumber, "suspected"), Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(ops.PostAsJsonAsync($"{Root}/notices", Notice(Guid.NewGuid(), "inc-nowhere", idNumber), Ct))));

        // A bad ID number is named, never echoed.
        var bad = await SendAsync(ops.PostAsJsonAsync($"{Root}/notices", Notice(Guid.NewGuid(), "inc-notice", idNumber[..17] + (idNumber[17] == '0' ? "1" : "0")), Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), Pick(bad));
        Assert.True(bad.Body.GetProperty("errors").TryGetProperty("idNumber", out _));
        Assert.DoesNotContain(idNumber[..17], bad.Body.GetRawText(), StringComparison.Ordinal);

        // Nowhere in incident's tables or outbox in clear; the encrypted copy decrypts to it.
        var rows = await RowsAsync(id);
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            TestPeople.AssertNotIn(idNumber, row, "an incident row");
        }

        foreach (var payload in await OutboxAsync<IncidentOpened>(id))
        {
            TestPeople.AssertNotIn(idNumber, payload, "IncidentOpened");
            Assert.Contains(screeningKey, payload, StringComparison.Ordinal);
        }

        var encrypted = await fixture.System.QueryAsync<IncidentDbContext, string?>(CivicHallSystem.Incident, db => db.Incidents.Where(c => c.IncidentId == id).Select(c => c.IdNumberEncrypted).SingleAsync(Ct));
        Assert.Equal(idNumber, fixture.System[CivicHallSystem.Incident].Services.GetRequiredService<PersonalDataProtector>().Decrypt(encrypted!));

        // opened → reported → closed: isolation and transfer are not its steps.
        var isolate = await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/isolated", Isolating, Ct));
        Assert.Equal((HttpStatusCode.Conflict, "incident_step_out_of_order", "reported"), (isolate.Status, isolate.Code, string.Join(",", Strings(isolate.Body.GetProperty("allowedNextSteps")))));
        var (_, _, reported) = await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/reported", Reporting, Ct));
        Assert.Equal(("reported", "closed"), (reported.GetProperty("state").GetString(), string.Join(",", Strings(reported.GetProperty("allowedNextSteps")))));
        var transfer = await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/transferred", new { destination = "released" }, Ct));
        Assert.Equal((HttpStatusCode.Conflict, "incident_step_out_of_order"), Pick(transfer));
        var closedAt = fixture.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/closed", new { outcome = "已通知相关人员" }, Ct))).Status);

        var closed = await Eventually.UntilAsync(
            () => Task.FromResult(closedProbe.Received.FirstOrDefault(e => e.IncidentId == id)), e => e is not null, because: "IncidentClosed should reach the broker");
        Assert.Equal(("case_notice", "已通知相关人员", screeningKey, closedAt.AddDays(28), closedAt),
            (closed!.Kind, closed.Outcome, closed.PersonKey, closed.RecordsHeldUntil, closed.OccurredAt));
    }

    [Fact]
    public async Task Concurrent_isolations_into_the_last_place_one_wins_the_others_are_isolation_full_and_escalate_once()
    {
        await fixture.AddHallAsync("inc-full");
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        // "iso" has 20 m²: two places. One is taken.
        var first = await OpenAsync(leader, "inc-full", "staff_symptoms");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{first}/steps/isolated", Isolating, Ct))).Status);
        var racing = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            racing.Add(await OpenAsync(leader, "inc-full", "abnormal_screening"));
        }

        var answers = await Task.WhenAll(racing.Select(id => SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/isolated", Isolating, Ct))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Equal(7, answers.Count(a => (a.Status, a.Code) == (HttpStatusCode.Conflict, "isolation_full")));
        var refused = racing.Where((_, i) => answers[i].Status != HttpStatusCode.OK).ToList();
        Assert.Equal(("iso", 2), (answers.First(a => a.Code == "isolation_full").Body.GetProperty("zoneId").GetString(),
            answers.First(a => a.Code == "isolation_full").Body.GetProperty("places").GetInt32()));

        // Refused again: still one escalation per case.
        Assert.Equal((HttpStatusCode.Conflict, "isolation_full"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root}/{refused[0]}/steps/isolated", Isolating, Ct))));
        var rows = await fixture.System.QueryAsync<IncidentDbContext, List<(Guid, string, string)>>(CivicHallSystem.Incident, async db =>
            [.. (await db.Escalations.Where(e => e.HallId == "inc-full").ToListAsync(Ct)).Select(e => (e.IncidentId, e.Deadline, e.Level))]);
        Assert.Equal(refused.Select(id => (id, "isolation_full", "duty_leader")).Order(), rows.Order());
        Assert.Single(await OutboxAsync<IncidentEscalated>(refused[0]));
        var (_, _, view) = await SendAsync(leader.GetAsync($"{Root}/{refused[0]}", Ct));
        Assert.Equal(("opened", "isolation_full"), (view.GetProperty("state").GetString(), view.GetProperty("escalations")[0].GetProperty("deadline").GetString()));

        // A place frees when a held person is handed over.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{first}/steps/reported", Reporting, Ct))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "isolation_full"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root}/{refused[0]}/steps/isolated", Isolating, Ct))));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{first}/steps/transferred", new { destination = "hospital" }, Ct))).Status);
        var (status, _, isolated) = await SendAsync(leader.PostAsJsonAsync($"{Root}/{refused[0]}/steps/isolated", Isolating, Ct));
        Assert.Equal((HttpStatusCode.OK, "iso"), (status, isolated.GetProperty("isolationZoneId").GetString()));
    }

    [Fact]
    public async Task Informing_the_unit_and_notifying_the_hospital_are_timeline_actions_once_each_until_closed()
    {
        await fixture.AddHallAsync("inc-actions");
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        using var screener = fixture.GatewayClient("screener-001", Roles.Screener);
        var id = await OpenAsync(screener, "inc-actions", "abnormal_screening");
        var unit = new { name = "夏阳街道", how = "电话", notes = "已告知社区" };
        var hospital = new { via = "hospital", whom = "青浦区中心医院发热门诊", answer = "同意接收" };

        var informedAt = fixture.Advance(TimeSpan.FromMinutes(3));
        var informed = await SendReplayAsync(leader.PostAsJsonAsync($"{Root}/{id}/actions/unit-informed", unit, Ct));
        Assert.Equal((HttpStatusCode.OK, false, informedAt), (informed.Status, informed.Replayed, informed.Body.GetProperty("unitInformedAt").GetDateTimeOffset()));
        Assert.Equal((HttpStatusCode.OK, true), (await SendReplayAsync(leader.PostAsJsonAsync($"{Root}/{id}/actions/unit-informed", unit, Ct))) is var again ? (again.Status, again.Replayed) : default);
        Assert.Equal((HttpStatusCode.Conflict, "action_already_recorded"),
            Pick(await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/actions/unit-informed", new { name = "另一街道", how = "电话" }, Ct))));

        var notifiedAt = fixture.Advance(TimeSpan.FromMinutes(2));
        var notified = await SendReplayAsync(screener.PostAsJsonAsync($"{Root}/{id}/actions/hospital-notified", hospital, Ct));
        Assert.Equal((HttpStatusCode.OK, notifiedAt), (notified.Status, notified.Body.GetProperty("hospitalNotifiedAt").GetDateTimeOffset()));
        var timeline = notified.Body.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(new[] { "opened", "unit_informed", "hospital_notified" }, timeline.Select(e => e.GetProperty("step").GetString()));
        Assert.Equal(("夏阳街道", "电话", "leader-001"), (timeline[1].GetProperty("details").GetProperty("name").GetString(),
            timeline[1].GetProperty("details").GetProperty("how").GetString(), timeline[1].GetProperty("by").GetString()));
        Assert.Equal(("hospital", "同意接收", "screener-001"), (timeline[2].GetProperty("details").GetProperty("via").GetString(),
            timeline[2].GetProperty("details").GetProperty("answer").GetString(), timeline[2].GetProperty("by").GetString()));
        Assert.Equal((HttpStatusCode.NotFound, "incident_unknown"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root}/{Guid.NewGuid()}/actions/unit-informed", unit, Ct))));
        var badVia = await SendAsync(screener.PostAsJsonAsync($"{Root}/{id}/actions/hospital-notified", new { via = "110", whom = "x" }, Ct));
        Assert.True(badVia.Body.GetProperty("errors").TryGetProperty("via", out _));

        // Closed: nothing more, not even an action not taken yet.
        var other = await OpenAsync(leader, "inc-actions", "staff_symptoms");
        foreach (var (step, body) in new (string, object)[] { ("isolated", Isolating), ("reported", Reporting), ("transferred", new { destination = "released" }), ("closed", new { outcome = "复测正常" }) })
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{other}/steps/{step}", body, Ct))).Status);
        }

        Assert.Equal((HttpStatusCode.Conflict, "incident_closed"), Pick(await SendAsync(leader.PostAsJsonAsync($"{Root}/{other}/actions/hospital-notified", hospital, Ct))));
        var closedEvent = Assert.Single(await OutboxAsync<IncidentClosed>(other));
        Assert.Contains("复测正常", closedEvent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_escalates_to_the_duty_leader_at_once_and_records_the_police_call()
    {
        await fixture.AddHallAsync("inc-refusal");
        using var screener = fixture.GatewayClient("screener-001", Roles.Screener);
        var openedAt = fixture.Clock.GetUtcNow();
        var id = await OpenAsync(screener, "inc-refusal", "refusal");

        var (_, _, view) = await SendAsync(screener.GetAsync($"{Root}/{id}", Ct));
        var escalation = Assert.Single(view.GetProperty("escalations").EnumerateArray().ToList());
        Assert.Equal(("refusal", "duty_leader", openedAt, 0), (escalation.GetProperty("deadline").GetString(), escalation.GetProperty("level").GetString(),
            escalation.GetProperty("dueAt").GetDateTimeOffset(), escalation.GetProperty("policyVersion").GetInt32()));
        Assert.Single(await OutboxAsync<IncidentEscalated>(id));

        var callId = Guid.NewGuid();
        var call = new { callId, calledAt = openedAt.AddMinutes(-1), answer = "民警10分钟内到场" };
        var created = await SendReplayAsync(screener.PostAsJsonAsync($"{Root}/{id}/police-calls", call, Ct));
        Assert.Equal((HttpStatusCode.Created, "screener-001", "民警10分钟内到场"),
            (created.Status, created.Body.GetProperty("calledBy").GetString(), created.Body.GetProperty("answer").GetString()));
        Assert.Equal((HttpStatusCode.OK, true), (await SendReplayAsync(screener.PostAsJsonAsync($"{Root}/{id}/police-calls", call, Ct))) is var again ? (again.Status, again.Replayed) : default);
        Assert.Equal((HttpStatusCode.Conflict, "police_call_id_reused"),
            Pick(await SendAsync(screener.PostAsJsonAsync($"{Root}/{id}/police-calls", new { callId, calledAt = openedAt, answer = "另一回答" }, Ct))));
        var future = await SendAsync(screener.PostAsJsonAsync($"{Root}/{id}/police-calls", new { callId = Guid.NewGuid(), calledAt = openedAt.AddHours(1) }, Ct));
        Assert.True(future.Body.GetProperty("errors").TryGetProperty("calledAt", out _));
        var payload = Assert.Single(await OutboxAsync<PoliceAssistanceRequested>(id));
        Assert.Contains("screener-001", payload, StringComparison.Ordinal);
        var (_, _, after) = await SendAsync(screener.GetAsync($"{Root}/{id}", Ct));
        Assert.Contains(after.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("step").GetString() == "police_called");

        var other = await OpenAsync(screener, "inc-refusal", "staff_symptoms");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "not_a_refusal"),
            Pick(await SendAsync(screener.PostAsJsonAsync($"{Root}/{other}/police-calls", new { callId = Guid.NewGuid(), calledAt = openedAt }, Ct))));
        var (_, _, otherView) = await SendAsync(screener.GetAsync($"{Root}/{other}", Ct));
        Assert.Equal(0, otherView.GetProperty("escalations").GetArrayLength());
    }

    [Fact]
    public async Task The_incident_policy_is_versioned_with_defaults_until_a_hall_sets_one()
    {
        await fixture.AddHallAsync("inc-pol");
        using var ops = fixture.GatewayClient("ops-001", Roles.Ops);
        const string Policy = "/api/v1/halls/inc-pol/incident-policy";

        var (_, _, empty) = await SendAsync(ops.GetAsync(Policy, Ct));
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("current").ValueKind);
        var defaults = empty.GetProperty("defaults");
        Assert.Equal((10, 30, 60, 10, 28), (defaults.GetProperty("isolatedWithinMinutes").GetInt32(), defaults.GetProperty("reportedWithinMinutes").GetInt32(),
            defaults.GetProperty("hospitalNotifiedWithinMinutes").GetInt32(), defaults.GetProperty("escalationIntervalMinutes").GetInt32(), defaults.GetProperty("recordsHoldDays").GetInt32()));

        var (status, _, v1) = await SendAsync(ops.PutAsJsonAsync(Policy, new { reportedWithinMinutes = 20, recordsHoldDays = 35 }, Ct));
        Assert.Equal((HttpStatusCode.Created, 1, 20, 10), (status, v1.GetProperty("version").GetInt32(), v1.GetProperty("reportedWithinMinutes").GetInt32(), v1.GetProperty("isolatedWithinMinutes").GetInt32()));

        // A case closed keeps the records held for the days of the version it opened under.
        await using var closedProbe = await EventProbe<IncidentClosed>.StartAsync(fixture.System.MessagingUri);
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        var id = await OpenAsync(leader, "inc-pol", "staff_symptoms");
        foreach (var (step, body) in new (string, object)[] { ("isolated", Isolating), ("reported", Reporting), ("transferred", new { destination = "home_observation" }), ("closed", new { outcome = "居家医学观察" }) })
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/{step}", body, Ct))).Status);
        }

        var closed = await Eventually.UntilAsync(
            () => Task.FromResult(closedProbe.Received.FirstOrDefault(e => e.IncidentId == id)), e => e is not null, because: "IncidentClosed should reach the broker");
        Assert.Equal(closed!.OccurredAt.AddDays(35), closed.RecordsHeldUntil);
        var later = fixture.Clock.GetUtcNow().AddDays(1);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync(Policy, new { effectiveFrom = later, recordsHoldDays = 42 }, Ct))).Status);
        var (_, _, read) = await SendAsync(ops.GetAsync(Policy, Ct));
        Assert.Equal((1, 2, 2), (read.GetProperty("current").GetProperty("version").GetInt32(), read.GetProperty("upcoming")[0].GetProperty("version").GetInt32(), read.GetProperty("versions").GetArrayLength()));
        var (_, _, atLater) = await SendAsync(ops.GetAsync($"{Policy}?at={Uri.EscapeDataString(later.ToString("O"))}", Ct));
        Assert.Equal(42, atLater.GetProperty("current").GetProperty("recordsHoldDays").GetInt32());

        var past = await SendAsync(ops.PutAsJsonAsync(Policy, new { effectiveFrom = fixture.Clock.GetUtcNow().AddHours(-1) }, Ct));
        Assert.True(past.Body.GetProperty("errors").TryGetProperty("effectiveFrom", out _));
        var zero = await SendAsync(ops.PutAsJsonAsync(Policy, new { isolatedWithinMinutes = 0 }, Ct));
        Assert.True(zero.Body.GetProperty("errors").TryGetProperty("isolatedWithinMinutes", out _));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(ops.GetAsync("/api/v1/halls/inc-nowhere/incident-policy", Ct))));
    }
}
