using CivicHall.Contracts.Incidents.V1;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Incident.Data;
using CivicHall.Messaging.Outbox;
using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// Incident cases against real PostgreSQL and RabbitMQ, through the gateway: a reading published twenty times under
/// twenty message ids opens one case; a case opened by hand goes <c>opened → isolated → reported → transferred →
/// closed</c>, each step by whom and when on the timeline; a step out of order is 409 with the allowed next steps;
/// twenty identical steps at once make one transition; the list is paged newest first.
/// </summary>
public sealed class IncidentCaseTests(IncidentSystemFixture fixture) : IClassFixture<IncidentSystemFixture>
{
    private const string Root = "/api/v1/incidents";
    private static readonly object Isolating = new { zoneId = "iso", escortingStaff = new[] { "screener-002", "张医生" }, notes = "已佩戴医用外科口罩" };
    private static readonly object Reporting = new { leadership = new[] { "王主任", "李副主任" }, unitOrStreet = "夏阳街道", summary = "复测37.8℃，已隔离，已报告" };
    private static readonly object Transferring = new { destination = "hospital", destinationDetails = "青浦区中心医院发热门诊，120转运" };
    private static readonly object Closing = new { outcome = "已移交青浦区中心医院" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Opening(Guid id, string hallId, string kind = "refusal", string? summary = null) =>
        new { incidentId = id, hallId, kind, zoneId = "queue", summary = summary ?? "排队区一名群众拒绝测温，经劝阻仍不配合" };

    private static async Task<(HttpStatusCode Status, string? Code, JsonElement Body, bool Replayed)> SendReplayAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
        var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
        return (response.StatusCode, code, body, replayed);
    }

    private static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, JsonElement Body) r) => (r.Status, r.Code);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static (HttpStatusCode, string?, string?, string) OutOfOrder((HttpStatusCode Status, string? Code, JsonElement Body) r) =>
        (r.Status, r.Code, r.Body.GetProperty("state").GetString(), string.Join(",", Strings(r.Body.GetProperty("allowedNextSteps"))));

    private static async Task<Guid> OpenAsync(HttpClient client, string hallId, string kind = "refusal")
    {
        var id = Guid.NewGuid();
        var (status, _, _) = await SendAsync(client.PostAsJsonAsync(Root, Opening(id, hallId, kind), Ct));
        Assert.Equal(HttpStatusCode.Created, status);
        return id;
    }

    /// <summary>The events of a type about one case that incident wrote to its outbox (the payload is jsonb: filtered here).</summary>
    private async Task<int> OutboxCountAsync<TEvent>(Guid incidentId)
    {
        var type = typeof(TEvent).FullName;
        var payloads = await fixture.System.QueryAsync<IncidentDbContext, List<string>>(
            CivicHallSystem.Incident, db => db.Set<OutboxMessage>().Where(m => m.MessageType == type).Select(m => m.Payload).ToListAsync(Ct));
        return payloads.Count(p => p.Contains(incidentId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Twenty_redeliveries_of_one_abnormal_reading_under_new_message_ids_open_one_case()
    {
        await fixture.AddHallAsync("inc-auto");
        var screeningId = Guid.NewGuid();
        var reading = new AbnormalPersonDetected(screeningId, "inc-auto", "pk-7f3a9c", "visitor", ["temperature_retest_high"], "green", 37.8m, [], "lane-1", 1, DateTimeOffset.UtcNow);
        var messageIds = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();

        await Task.WhenAll(messageIds.Select(id => fixture.PublishAsync(reading, id)));

        // Every delivery consumed (each id claimed in the inbox), then exactly one case of the reading.
        await Eventually.UntilAsync(
            () => fixture.System.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.Database
                .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE message_id = ANY({messageIds})").SingleAsync(Ct)),
            consumed => consumed == 20,
            because: "incident should consume all twenty deliveries");
        var cases = await fixture.System.QueryAsync<IncidentDbContext, List<Guid>>(
            CivicHallSystem.Incident, db => db.Incidents.Where(c => c.ScreeningId == screeningId).Select(c => c.IncidentId).ToListAsync(Ct));
        var incidentId = Assert.Single(cases);
        Assert.Equal(1, await OutboxCountAsync<IncidentOpened>(incidentId));

        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        var (status, _, body) = await SendAsync(leader.GetAsync($"{Root}/{incidentId}", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("abnormal_screening", "opened", "pk-7f3a9c", "visitor", screeningId),
            (body.GetProperty("kind").GetString(), body.GetProperty("state").GetString(), body.GetProperty("personKey").GetString(),
             body.GetProperty("personKind").GetString(), body.GetProperty("screeningId").GetGuid()));
        var opened = Assert.Single(body.GetProperty("timeline").EnumerateArray().ToList());
        Assert.Equal(("opened", "system:screening", 37.8m), (opened.GetProperty("step").GetString(), opened.GetProperty("by").GetString(),
            opened.GetProperty("details").GetProperty("temperatureC").GetDecimal()));
    }

    [Fact]
    public async Task A_case_opened_by_hand_goes_through_every_step_each_timed_and_by_whom()
    {
        await fixture.AddHallAsync("inc-life");
        using var screener = fixture.GatewayClient("screener-001", Roles.Screener);
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        var id = Guid.NewGuid();
        var openedAt = fixture.Clock.GetUtcNow();

        var created = await SendReplayAsync(screener.PostAsJsonAsync(Root, Opening(id, "inc-life"), Ct));
        Assert.Equal((HttpStatusCode.Created, false, "opened", "isolated"),
            (created.Status, created.Replayed, created.Body.GetProperty("state").GetString(), string.Join(",", Strings(created.Body.GetProperty("allowedNextSteps")))));
        var again = await SendReplayAsync(screener.PostAsJsonAsync(Root, Opening(id, "inc-life"), Ct));
        Assert.Equal((HttpStatusCode.OK, true), (again.Status, again.Replayed));
        Assert.Equal((HttpStatusCode.Conflict, "incident_id_reused"), Pick(await SendAsync(screener.PostAsJsonAsync(Root, Opening(id, "inc-life", summary: "另一件事"), Ct))));
        Assert.Equal(1, await OutboxCountAsync<IncidentOpened>(id));

        // Isolation only in an isolation zone of the hall.
        var notIsolation = await SendAsync(screener.PostAsJsonAsync($"{Root}/{id}/steps/isolated", new { zoneId = "floor-1", escortingStaff = new[] { "screener-002" } }, Ct));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "not_an_isolation_zone"), Pick(notIsolation));
        Assert.Equal((HttpStatusCode.NotFound, "zone_unknown"),
            Pick(await SendAsync(screener.PostAsJsonAsync($"{Root}/{id}/steps/isolated", new { zoneId = "nowhere", escortingStaff = new[] { "screener-002" } }, Ct))));

        var isolatedAt = fixture.Advance(TimeSpan.FromMinutes(6));
        var isolated = await SendReplayAsync(screener.PostAsJsonAsync($"{Root}/{id}/steps/isolated", Isolating, Ct));
        Assert.Equal((HttpStatusCode.OK, false, "isolated"), (isolated.Status, isolated.Replayed, isolated.Body.GetProperty("state").GetString()));
        var isolatedAgain = await SendReplayAsync(screener.PostAsJsonAsync($"{Root}/{id}/steps/isolated", Isolating, Ct));
        Assert.Equal((HttpStatusCode.OK, true), (isolatedAgain.Status, isolatedAgain.Replayed));

        var reportedAt = fixture.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/reported", Reporting, Ct))).Status);
        var transferredAt = fixture.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/transferred", Transferring, Ct))).Status);
        var closedAt = fixture.Advance(TimeSpan.FromMinutes(30));
        var (closeStatus, _, closed) = await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/closed", Closing, Ct));
        Assert.Equal((HttpStatusCode.OK, "closed", 0), (closeStatus, closed.GetProperty("state").GetString(), closed.GetProperty("allowedNextSteps").GetArrayLength()));

        var (readStatus, _, read) = await SendAsync(leader.GetAsync($"{Root}/{id}", Ct));
        Assert.Equal(HttpStatusCode.OK, readStatus);
        // A refusal escalates at once: that entry is IncidentProcedureTests'; here the steps.
        var timeline = read.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("step").GetString() != "escalated").ToList();
        Assert.Equal(
            new (string?, string?, DateTimeOffset)[]
            {
                ("opened", "screener-001", openedAt), ("isolated", "screener-001", isolatedAt), ("reported", "leader-001", reportedAt),
                ("transferred", "leader-001", transferredAt), ("closed", "leader-001", closedAt),
            },
            timeline.Select(s => (s.GetProperty("step").GetString(), s.GetProperty("by").GetString(), s.GetProperty("at").GetDateTimeOffset())).ToList());
        Assert.Equal(("iso", "张医生"), (timeline[1].GetProperty("details").GetProperty("zoneId").GetString(), Strings(timeline[1].GetProperty("details").GetProperty("escortingStaff"))[1]));
        Assert.Equal(("夏阳街道", "王主任"), (timeline[2].GetProperty("details").GetProperty("unitOrStreet").GetString(), Strings(timeline[2].GetProperty("details").GetProperty("leadership"))[0]));
        Assert.Equal("hospital", timeline[3].GetProperty("details").GetProperty("destination").GetString());
        Assert.Equal("已移交青浦区中心医院", timeline[4].GetProperty("details").GetProperty("outcome").GetString());
        Assert.Equal(4, await OutboxCountAsync<IncidentStepRecorded>(id));

        // Nothing follows a closed case.
        Assert.Equal((HttpStatusCode.Conflict, "incident_step_out_of_order", "closed", ""),
            OutOfOrder(await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/closed", new { outcome = "再次关闭" }, Ct))));
    }

    [Fact]
    public async Task A_step_out_of_order_is_409_with_the_state_and_the_allowed_next_steps()
    {
        await fixture.AddHallAsync("inc-order");
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        var id = await OpenAsync(leader, "inc-order", "staff_symptoms");

        foreach (var (step, body) in new[] { ("reported", Reporting), ("transferred", Transferring), ("closed", Closing) })
        {
            Assert.Equal((HttpStatusCode.Conflict, "incident_step_out_of_order", "opened", "isolated"),
                OutOfOrder(await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/{step}", body, Ct))));
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/isolated", Isolating, Ct))).Status);
        // The same step with another body is not a replay: it is out of order.
        Assert.Equal((HttpStatusCode.Conflict, "incident_step_out_of_order", "isolated", "reported"),
            OutOfOrder(await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/isolated", new { zoneId = "iso", escortingStaff = new[] { "另一人" } }, Ct))));
        foreach (var (step, body) in new[] { ("transferred", Transferring), ("closed", Closing) })
        {
            Assert.Equal((HttpStatusCode.Conflict, "incident_step_out_of_order", "isolated", "reported"),
                OutOfOrder(await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/{step}", body, Ct))));
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/reported", Reporting, Ct))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "incident_step_out_of_order", "reported", "transferred"),
            OutOfOrder(await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/closed", Closing, Ct))));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/transferred", Transferring, Ct))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "incident_step_out_of_order", "transferred", "closed"),
            OutOfOrder(await SendAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/isolated", new { zoneId = "iso", escortingStaff = new[] { "第三人" } }, Ct))));
        // An earlier step sent again with its own body is a replay of it, not a step back.
        var replay = await SendReplayAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/isolated", Isolating, Ct));
        Assert.Equal((HttpStatusCode.OK, true, "transferred"), (replay.Status, replay.Replayed, replay.Body.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Twenty_identical_steps_at_once_make_one_transition()
    {
        await fixture.AddHallAsync("inc-race");
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        var id = await OpenAsync(leader, "inc-race");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SendReplayAsync(leader.PostAsJsonAsync($"{Root}/{id}/steps/isolated", Isolating, Ct))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(answers, a => !a.Replayed);
        var steps = await fixture.System.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.IncidentSteps.CountAsync(s => s.IncidentId == id, Ct));
        Assert.Equal(2, steps);
        Assert.Equal(1, await OutboxCountAsync<IncidentStepRecorded>(id));
    }

    [Fact]
    public async Task The_list_pages_a_halls_cases_newest_first_and_filters_by_state()
    {
        await fixture.AddHallAsync("inc-list");
        await fixture.AddHallAsync("inc-list-other");
        using var screener = fixture.GatewayClient("screener-001", Roles.Screener);
        using var ops = fixture.GatewayClient("ops-001", Roles.Ops);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            fixture.Advance(TimeSpan.FromSeconds(1));
            ids.Add(await OpenAsync(screener, "inc-list"));
        }

        await OpenAsync(screener, "inc-list-other");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(screener.PostAsJsonAsync($"{Root}/{ids[1]}/steps/isolated", Isolating, Ct))).Status);

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, _, page) = await SendAsync(ops.GetAsync($"{Root}?hallId=inc-list&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}", Ct));
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page.GetProperty("incidents").EnumerateArray().Select(c => c.GetProperty("incidentId").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);

        var (_, _, isolatedOnly) = await SendAsync(ops.GetAsync($"{Root}?hallId=inc-list&state=isolated", Ct));
        Assert.Equal(new[] { ids[1] }, isolatedOnly.GetProperty("incidents").EnumerateArray().Select(c => c.GetProperty("incidentId").GetGuid()));

        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), Pick(await SendAsync(ops.GetAsync($"{Root}?hallId=inc-list&cursor=not-a-cursor", Ct))));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), Pick(await SendAsync(ops.GetAsync($"{Root}?hallId=inc-list&state=lost", Ct))));
        var (noHall, _, noHallBody) = await SendAsync(ops.GetAsync(Root, Ct));
        Assert.Equal(HttpStatusCode.BadRequest, noHall);
        Assert.True(noHallBody.GetProperty("errors").TryGetProperty("hallId", out _));
    }

    [Fact]
    public async Task Unknown_halls_zones_and_cases_are_404_and_bad_input_400_naming_the_field()
    {
        await fixture.AddHallAsync("inc-known");
        using var screener = fixture.GatewayClient("screener-001", Roles.Screener);

        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(screener.PostAsJsonAsync(Root, Opening(Guid.NewGuid(), "inc-nowhere"), Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(screener.GetAsync($"{Root}?hallId=inc-nowhere", Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "zone_unknown"),
            Pick(await SendAsync(screener.PostAsJsonAsync(Root, new { incidentId = Guid.NewGuid(), hallId = "inc-known", kind = "refusal", zoneId = "roof", summary = "x" }, Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "incident_unknown"), Pick(await SendAsync(screener.GetAsync($"{Root}/{Guid.NewGuid()}", Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "incident_unknown"), Pick(await SendAsync(screener.PostAsJsonAsync($"{Root}/{Guid.NewGuid()}/steps/isolated", Isolating, Ct))));

        var (status, code, body) = await SendAsync(screener.PostAsJsonAsync(Root, new { incidentId = Guid.NewGuid(), hallId = "inc-known", kind = "case_notice", summary = "x" }, Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (status, code));
        Assert.True(body.GetProperty("errors").TryGetProperty("kind", out _));
        var (_, _, missing) = await SendAsync(screener.PostAsJsonAsync(Root, new { hallId = "inc-known", kind = "refusal" }, Ct));
        Assert.True(missing.GetProperty("errors").TryGetProperty("incidentId", out _));
        Assert.True(missing.GetProperty("errors").TryGetProperty("summary", out _));
        var id = await OpenAsync(screener, "inc-known");
        var (_, _, noStaff) = await SendAsync(screener.PostAsJsonAsync($"{Root}/{id}/steps/isolated", new { zoneId = "iso", escortingStaff = Array.Empty<string>() }, Ct));
        Assert.True(noStaff.GetProperty("errors").TryGetProperty("escortingStaff", out _));
    }
}
