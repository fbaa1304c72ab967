using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// Incident keeps the API convention (README "API convention"), through the gateway: an unknown hall is 404
/// <c>hall_unknown</c> on every route that names one (path or <c>hallId</c> query); problem details in the
/// caller's language; the policy's versions listed newest first, a page at a time.
/// </summary>
public sealed class IncidentConventionTests(IncidentSystemFixture fixture) : IClassFixture<IncidentSystemFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_route_that_names_an_unknown_hall_answers_404_hall_unknown()
    {
        using var ops = fixture.GatewayClient("ops-001", Roles.Ops, Roles.DutyLeader, Roles.Screener);
        const string hall = "inc-conv-nowhere";
        var containment = $"/api/v1/halls/{hall}/containment";
        foreach (var sending in new Func<Task<HttpResponseMessage>>[]
        {
            () => ops.GetAsync($"/api/v1/incidents?hallId={hall}", Ct),
            () => ops.PostAsJsonAsync("/api/v1/incidents", new { incidentId = Guid.NewGuid(), hallId = hall, kind = "refusal", summary = "拒绝测温" }, Ct),
            () => ops.GetAsync($"/api/v1/halls/{hall}/incident-policy", Ct),
            () => ops.GetAsync($"/api/v1/halls/{hall}/incident-policy/versions", Ct),
            () => ops.PutAsJsonAsync($"/api/v1/halls/{hall}/incident-policy", new { }, Ct),
            () => ops.GetAsync(containment, Ct),
            () => ops.GetAsync($"{containment}/{Guid.NewGuid()}", Ct),
            () => ops.PostAsJsonAsync($"{containment}/zone-closures", new { containmentId = Guid.NewGuid(), zoneId = "floor-1", reason = "确诊病例曾到访" }, Ct),
            () => ops.PostAsJsonAsync($"{containment}/suspensions", new { containmentId = Guid.NewGuid(), reason = "暂停现场服务" }, Ct),
            () => ops.PostAsJsonAsync($"{containment}/resumptions", new { containmentId = Guid.NewGuid(), suspensionId = Guid.NewGuid(), reason = "恢复现场服务" }, Ct),
            () => ops.PostAsJsonAsync($"{containment}/{Guid.NewGuid()}/approval", new { governmentConsentRef = "青府〔2026〕1号" }, Ct),
            () => ops.PostAsJsonAsync($"{containment}/{Guid.NewGuid()}/withdrawal", new { reason = "撤回" }, Ct),
            () => ops.GetAsync($"/api/v1/reports/daily?date=2026-11-30&hallId={hall}", Ct),
        })
        {
            using var response = await sending();
            var (status, code, body) = await SendAsync(Task.FromResult(response));
            Assert.True((HttpStatusCode.NotFound, "hall_unknown") == (status, code), $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)status} {code} {body}");
        }

        // The city-wide report names no hall: it is every known hall's, never hall_unknown.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ops.GetAsync("/api/v1/reports/daily?date=2026-11-30&limit=1", Ct))).Status);
    }

    [Fact]
    public async Task A_problem_detail_is_in_Chinese_by_default_and_in_English_when_asked()
    {
        using var ops = fixture.GatewayClient("ops-001", Roles.Ops);
        var (_, code, chinese) = await SendAsync(ops.GetAsync("/api/v1/halls/inc-conv-lang/incident-policy", Ct));
        Assert.Equal("hall_unknown", code);
        Assert.Equal("事件服务中没有办事大厅“inc-conv-lang”。", chinese.GetProperty("detail").GetString());

        var unknown = Guid.NewGuid();
        var (_, incidentCode, incidentZh) = await SendAsync(ops.GetAsync($"/api/v1/incidents/{unknown}", Ct));
        Assert.Equal("incident_unknown", incidentCode);
        Assert.Equal($"没有事件“{unknown}”。", incidentZh.GetProperty("detail").GetString());

        ops.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var (_, _, english) = await SendAsync(ops.GetAsync("/api/v1/halls/inc-conv-lang/incident-policy", Ct));
        Assert.Equal("Hall 'inc-conv-lang' is not known to the incident service.", english.GetProperty("detail").GetString());
        var (_, _, incidentEn) = await SendAsync(ops.GetAsync($"/api/v1/incidents/{unknown}", Ct));
        Assert.Equal($"There is no incident '{unknown}'.", incidentEn.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_policys_versions_are_listed_newest_first_a_page_at_a_time_in_UTC()
    {
        await fixture.AddHallAsync("inc-conv-pol");
        using var ops = fixture.GatewayClient("ops-001", Roles.Ops);
        const string policy = "/api/v1/halls/inc-conv-pol/incident-policy";
        var (empty, _, none) = await SendAsync(ops.GetAsync($"{policy}/versions", Ct));
        Assert.Equal(HttpStatusCode.OK, empty);
        Assert.Empty(none.GetProperty("versions").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("nextCursor").ValueKind);

        for (var i = 0; i < 5; i++)
        {
            // Sent in Shanghai time, answered in UTC.
            var from = fixture.Clock.GetUtcNow().AddDays(i + 1).ToOffset(TimeSpan.FromHours(8));
            var (status, _, created) = await SendAsync(ops.PutAsJsonAsync(policy, new { effectiveFrom = from, recordsHoldDays = 28 + i }, Ct));
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.EndsWith("+00:00", created.GetProperty("effectiveFrom").GetString(), StringComparison.Ordinal);
        }

        var seen = new List<int>();
        string? cursor = null;
        do
        {
            var (status, _, page) = await SendAsync(ops.GetAsync($"{policy}/versions?limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}"), Ct));
            Assert.Equal(HttpStatusCode.OK, status);
            var versions = page.GetProperty("versions").EnumerateArray().ToList();
            Assert.InRange(versions.Count, 1, 2);
            Assert.All(versions, v => Assert.EndsWith("+00:00", v.GetProperty("effectiveFrom").GetString(), StringComparison.Ordinal));
            seen.AddRange(versions.Select(v => v.GetProperty("version").GetInt32()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([5, 4, 3, 2, 1], seen);
        foreach (var bad in new[] { "garbage", "v0", "v-1", "v99999999999" })
        {
            var (status, code, problem) = await SendAsync(ops.GetAsync($"{policy}/versions?cursor={bad}", Ct));
            Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (status, code));
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
        }

        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.GetAsync($"{policy}/versions", Ct))).Status);
    }
}
