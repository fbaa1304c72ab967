using CivicHall.Incident.Data;
using CivicHall.IntegrationTests.Booking;
using CivicHall.Messaging.Outbox;
using Microsoft.AspNetCore.Hosting.Server;
using static CivicHall.IntegrationTests.Incident.ContainmentSetup;
using static CivicHall.IntegrationTests.Incident.TracingSetup;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>Every service and the gateway: incident reaches occupancy, screening and booking through service discovery.</summary>
public sealed class TracingFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public CivicHallSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await CivicHallSystem.StartAsync(infrastructure, withGateway: true);

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(System);
}

/// <summary>
/// Issue 20's contact tracing with the real services: the written-out scenario, the refusals, the internal queries'
/// roles and bodies, <c>ContactsTraced</c>, and the masked export. Each test has a hall of its own.
/// </summary>
public sealed class TracingTests(TracingFixture fixture) : IClassFixture<TracingFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CivicHallSystem System => fixture.System;

    private HttpClient Gateway(string subject, params string[] roles)
    {
        var client = System[CivicHallSystem.Gateway].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(roles, subject, TimeProvider.System));
        return client;
    }

    /// <summary>
    /// The case C: zone A 10:00–11:00, zone B 11:00–11:30, screened in lane L1 at 09:55; buffer 15 min. P1 in A inside
    /// the stay (30 min); P2 in A from 11:00, touching the case's end (the buffer's 15 min); P3 in A from 11:16, 1 min
    /// past the buffer, but in the hall while C is in B (24 min, same hall); P4 staff in B all morning (listed under
    /// staff, 60 min); P5 a courier in C (10 min, same hall); P6 booked 10:30–11:00 and never seen.
    /// </summary>
    [Fact]
    public async Task The_scenario_gives_exactly_the_written_out_list_in_rank_order()
    {
        const string hall = "trace-scenario";
        await AddHallAsync(System, hall);
        var (incidentId, c) = await NoticeAsync(System, hall, TestPeople.IdNumber(2001));
        await StaysAsync(System, hall,
            (c, "visitor", "zone-a", 0, 60), (c, "visitor", "zone-b", 60, 90),
            ("pk_trace_p001", "visitor", "zone-a", 20, 50),
            ("pk_trace_p002", "visitor", "zone-a", 60, 100),
            ("pk_trace_p003", "visitor", "zone-a", 76, 100),
            ("pk_trace_p004", "staff", "zone-b", -60, 120),
            ("pk_trace_p005", "courier", "zone-c", 30, 40),
            ("pk_trace_p999", "visitor", "zone-a", 200, 230)); // long after: nobody's contact
        await ScreeningsAsync(System, hall, (c, "visitor", "L1", -5), ("pk_trace_p001", "visitor", "L1", 3), ("pk_trace_p005", "courier", "L1", 20), ("pk_trace_p003", "visitor", "L2", -2));
        await BookingAsync(System, hall, "pk_trace_p006", 30, 60);
        await BookingAsync(System, hall, "pk_trace_p001", 0, 30); // booked and seen: not listed as never seen

        using var leader = Gateway("leader-1", Roles.DutyLeader);
        var (status, _, run, _) = await SendAsync(leader.PostAsync(new Uri($"/api/v1/incidents/{incidentId}/tracing", UriKind.Relative), null, Ct));
        Assert.True(status == HttpStatusCode.Created, run.ToString());
        Assert.False(run.GetProperty("partial").GetBoolean(), run.ToString());
        Assert.Empty(run.GetProperty("missingSources").EnumerateArray());

        var contacts = run.GetProperty("contacts");
        Assert.Equal([("pk_trace_p001", 30.0, "zone-a:30"), ("pk_trace_p002", 15.0, "zone-a:15")], Entries(contacts, "closeContacts"));
        Assert.Equal([("pk_trace_p003", 24.0, "zone-a:24"), ("pk_trace_p005", 10.0, "zone-c:10")], Entries(contacts, "sameHallContacts"));
        Assert.Equal([("pk_trace_p004", 60.0, "zone-b:60")], Entries(contacts, "staff"));
        Assert.Equal(["pk_trace_p001"], Keys(contacts, "entranceContacts"));
        Assert.Equal(["pk_trace_p006"], Keys(contacts, "bookedNotSeen"));
        Assert.True(contacts.GetProperty("bookedNotSeen")[0].GetProperty("booking").GetProperty("neverSeen").GetBoolean());
        Assert.Equal("courier", contacts.GetProperty("sameHallContacts")[1].GetProperty("kind").GetString());
        Assert.Equal("310***********p001", contacts.GetProperty("closeContacts")[0].GetProperty("identity").GetProperty("idNumberMasked").GetString());
        Assert.True(contacts.GetProperty("closeContacts")[1].GetProperty("identityUnknown").GetBoolean());
        Assert.DoesNotContain(c, contacts.ToString(), StringComparison.Ordinal);
        Assert.Equal(c, run.GetProperty("personKey").GetString());

        // ContactsTraced, with every person key on the list, in the same transaction (the outbox row).
        var tracingId = run.GetProperty("tracingId").GetGuid();
        var payloads = await System.QueryAsync<IncidentDbContext, List<string>>(CivicHallSystem.Incident,
            db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains("ContactsTraced")).Select(m => m.Payload).ToListAsync(Ct));
        var payload = Assert.Single(payloads, p => p.Contains(tracingId.ToString(), StringComparison.Ordinal));
        var traced = JsonDocument.Parse(payload).RootElement;
        Assert.Equal(["pk_trace_p001", "pk_trace_p002", "pk_trace_p003", "pk_trace_p004", "pk_trace_p005", "pk_trace_p006"],
            traced.GetProperty("personKeys").EnumerateArray().Select(k => k.GetString()!));

        // Read back, listed, and exported masked.
        using var ops = Gateway("ops-1", Roles.Ops);
        var (_, _, one, _) = await SendAsync(ops.GetAsync(new Uri($"/api/v1/incidents/{incidentId}/tracing/{tracingId}", UriKind.Relative), Ct));
        Assert.Equal(run.GetProperty("contacts").ToString(), one.GetProperty("contacts").ToString());
        var (_, _, page, _) = await SendAsync(ops.GetAsync(new Uri($"/api/v1/incidents/{incidentId}/tracing?limit=1", UriKind.Relative), Ct));
        Assert.Equal(tracingId, page.GetProperty("items")[0].GetProperty("tracingId").GetGuid());
        using var csv = await ops.GetAsync(new Uri($"/api/v1/incidents/{incidentId}/tracing/{tracingId}/export?format=csv", UriKind.Relative), Ct);
        var text = await csv.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("close_contact,1,pk_trace_p001,visitor,310***********p001", text, StringComparison.Ordinal);
        Assert.Equal(7, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("pk_trace_", StringComparison.Ordinal)));
        TestPeople.AssertNotIn(TestPeople.IdNumber(2001), text, "the masked export");
        Assert.DoesNotMatch(@"\d{17}[\dXx]", text);
    }

    [Fact]
    public async Task Refusals_name_their_reason()
    {
        const string hall = "trace-refusals";
        await AddHallAsync(System, hall);
        using var leader = Gateway("leader-1", Roles.DutyLeader);
        Task<HttpResponseMessage> Trace(Guid id) => leader.PostAsync(new Uri($"/api/v1/incidents/{id}/tracing", UriKind.Relative), null, Ct);

        Assert.Equal((HttpStatusCode.NotFound, "incident_unknown"), Pick(await SendAsync(Trace(Guid.NewGuid()))));

        // A case opened by hand names no person.
        var byHand = Guid.CreateVersion7();
        (await leader.PostAsJsonAsync("/api/v1/incidents", new { incidentId = byHand, hallId = hall, kind = "refusal", summary = "拒绝测温" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "incident_without_person"), Pick(await SendAsync(Trace(byHand))));

        // Every source answered and the person was never there.
        var (absent, _) = await NoticeAsync(System, hall, TestPeople.IdNumber(2002));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "no_presence_in_window"), Pick(await SendAsync(Trace(absent))));

        // A closed case.
        var (closed, key) = await NoticeAsync(System, hall, TestPeople.IdNumber(2003));
        await StaysAsync(System, hall, (key, "visitor", "zone-a", 0, 10));
        (await leader.PostAsJsonAsync($"/api/v1/incidents/{closed}/steps/reported", new { leadership = new[] { "王主任" }, unitOrStreet = "夏阳街道", summary = "已报告" }, Ct)).EnsureSuccessStatusCode();
        (await leader.PostAsJsonAsync($"/api/v1/incidents/{closed}/steps/closed", new { outcome = "已移交" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal((HttpStatusCode.Conflict, "incident_closed"), Pick(await SendAsync(Trace(closed))));

        // Reads of an unknown run, and a bad cursor and format.
        using var ops = Gateway("ops-1", Roles.Ops);
        Assert.Equal((HttpStatusCode.NotFound, "tracing_unknown"), Pick(await SendAsync(ops.GetAsync(new Uri($"/api/v1/incidents/{closed}/tracing/{Guid.NewGuid()}", UriKind.Relative), Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "incident_unknown"), Pick(await SendAsync(ops.GetAsync(new Uri($"/api/v1/incidents/{Guid.NewGuid()}/tracing", UriKind.Relative), Ct))));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(ops.GetAsync(new Uri($"/api/v1/incidents/{closed}/tracing?cursor=nope", UriKind.Relative), Ct))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(ops.GetAsync(new Uri($"/api/v1/incidents/{closed}/tracing/{Guid.NewGuid()}/export?format=xml", UriKind.Relative), Ct))).Status);
    }

    public static TheoryData<string, string> InternalQueries { get; } = new()
    {
        { CivicHallSystem.Occupancy, "presences" },
        { CivicHallSystem.Occupancy, "seen" },
        { CivicHallSystem.Screening, "screenings" },
        { CivicHallSystem.Screening, "identities" },
        { CivicHallSystem.Booking, "bookings" },
        { CivicHallSystem.Booking, "identities" },
    };

    [Theory]
    [MemberData(nameof(InternalQueries))]
    public async Task The_internal_queries_answer_duty_leaders_and_ops_only_refuse_bad_bodies_and_unknown_halls_and_are_not_routed(string service, string query)
    {
        const string hall = "trace-internal";
        await AddHallAsync(System, hall);
        var from = At(-60);
        var to = At(60);
        object body = query switch
        {
            "presences" => new { personKey = "pk_x", from, to, bufferMinutes = 15 },
            "seen" => new { personKeys = new[] { "pk_x" }, from, to },
            "screenings" => new { personKey = "pk_x", from, to, windowMinutes = 10 },
            "bookings" => new { from, to },
            _ => new { personKeys = new[] { "pk_x" } },
        };
        var path = $"/internal/v1/halls/{hall}/tracing/{query}";
        foreach (var role in new[] { Roles.Citizen, Roles.Screener })
        {
            using var other = System.Client(service, role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync(path, body, Ct)).StatusCode);
        }

        using var anonymous = System.Client(service);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(path, body, Ct)).StatusCode);
        foreach (var role in new[] { Roles.DutyLeader, Roles.Ops })
        {
            using var allowed = System.Client(service, role);
            Assert.Equal(HttpStatusCode.OK, (await allowed.PostAsJsonAsync(path, body, Ct)).StatusCode);
        }

        using var leader = System.Client(service, Roles.DutyLeader);
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(leader.PostAsJsonAsync($"/internal/v1/halls/trace-nowhere/tracing/{query}", body, Ct))));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(leader.PostAsJsonAsync(path, new { from = to, to = from, personKeys = Array.Empty<string>(), bufferMinutes = -1, windowMinutes = 999 }, Ct))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(leader.PostAsync(new Uri(path, UriKind.Relative), new StringContent("{", global::System.Text.Encoding.UTF8, "application/json"), Ct))).Status);

        // The gateway routes only /api/…: the internal queries are not reachable through it.
        using var viaGateway = Gateway("leader-1", Roles.DutyLeader);
        Assert.Equal(HttpStatusCode.NotFound, (await viaGateway.PostAsJsonAsync(path, body, Ct)).StatusCode);
    }

    private static List<(string, double, string)> Entries(JsonElement contacts, string section) =>
        [.. contacts.GetProperty(section).EnumerateArray().Select(e => (e.GetProperty("personKey").GetString()!, e.GetProperty("overlapMinutes").GetDouble(),
            string.Join(' ', e.GetProperty("zones").EnumerateArray().Select(z => $"{z.GetProperty("zoneId").GetString()}:{z.GetProperty("minutes").GetDouble()}"))))];

    private static List<string> Keys(JsonElement contacts, string section) =>
        [.. contacts.GetProperty(section).EnumerateArray().Select(e => e.GetProperty("personKey").GetString()!)];
}

/// <summary>With occupancy stopped, a tracing is stored and answered partial, occupancy named, entrance contacts still listed.</summary>
public sealed class TracingPartialTests(TestInfrastructure infrastructure)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_with_occupancy_down_is_partial_and_names_occupancy_never_a_silent_short_list()
    {
        await using var system = await CivicHallSystem.StartAsync(infrastructure, withGateway: true);
        const string hall = "trace-partial";
        await AddHallAsync(system, hall);
        var (incidentId, c) = await NoticeAsync(system, hall, TestPeople.IdNumber(2010));
        await StaysAsync(system, hall, (c, "visitor", "zone-a", 0, 60), ("pk_trace_q001", "visitor", "zone-a", 10, 20));
        await ScreeningsAsync(system, hall, (c, "visitor", "L1", -5), ("pk_trace_q002", "visitor", "L1", -1));

        await system[CivicHallSystem.Occupancy].Services.GetRequiredService<IServer>().StopAsync(Ct);

        using var leader = system.Client(CivicHallSystem.Incident, Roles.DutyLeader);
        var (status, _, run, _) = await SendAsync(leader.PostAsync(new Uri($"/api/v1/incidents/{incidentId}/tracing", UriKind.Relative), null, Ct));
        Assert.True(status == HttpStatusCode.Created, run.ToString());
        Assert.True(run.GetProperty("partial").GetBoolean());
        Assert.Contains("occupancy", run.GetProperty("missingSources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["pk_trace_q002"], run.GetProperty("contacts").GetProperty("entranceContacts").EnumerateArray().Select(e => e.GetProperty("personKey").GetString()));
        var stored = await system.QueryAsync<IncidentDbContext, bool>(CivicHallSystem.Incident, db => db.Tracings.Where(t => t.IncidentId == incidentId).Select(t => t.Partial).SingleAsync(Ct));
        Assert.True(stored);
    }
}
