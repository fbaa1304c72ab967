using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// Sanitation keeps the API convention (README "API convention") on every route: an unknown hall is 404
/// <c>hall_unknown</c> for reads, lists and writes; problem details in the caller's language; instants in UTC;
/// lists paged by keyset (<c>limit</c>, <c>cursor</c>, <c>nextCursor</c>); the plan's versions listed newest first.
/// </summary>
public sealed class SanitationConventionTests(SanitationSystemFixture fixture) : IClassFixture<SanitationSystemFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => SanitationSystemFixture.Tuesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_route_that_names_an_unknown_hall_answers_404_hall_unknown()
    {
        using var ops = fixture.Client(Roles.Ops, Roles.DutyLeader, Roles.SanitationStaff);
        const string root = "/api/v1/halls/conv-nowhere/sanitation";
        var meeting = new { zoneId = "meeting-a", startsAt = "2026-12-01T02:00:00+00:00", endsAt = "2026-12-01T02:30:00+00:00", expectedAttendees = 5, title = "例会" };
        var record = new { recordId = Guid.NewGuid(), zoneId = "floor-1", method = "wipe", agent = "chlorine", strength = 500, startedAt = "2026-11-30T23:00:00+00:00", endedAt = "2026-11-30T23:10:00+00:00" };
        foreach (var sending in new Func<Task<HttpResponseMessage>>[]
        {
            () => ops.GetAsync($"{root}/plan", Ct),
            () => ops.GetAsync($"{root}/plan/versions", Ct),
            () => ops.PutAsJsonAsync($"{root}/plan", new { }, Ct),
            () => ops.GetAsync($"{root}/tasks?date={Today}", Ct),
            () => ops.GetAsync($"{root}/records?date={Today}", Ct),
            () => ops.PostAsJsonAsync($"{root}/records", record, Ct),
            () => ops.GetAsync($"{root}/supplies", Ct),
            () => ops.PutAsJsonAsync($"{root}/supplies/masks", new { name = "口罩", unit = "只", lowThreshold = 5 }, Ct),
            () => ops.GetAsync($"{root}/supplies/masks/movements", Ct),
            () => ops.PostAsJsonAsync($"{root}/supplies/masks/receipts", new { receiptId = Guid.NewGuid(), count = 5 }, Ct),
            () => ops.PostAsJsonAsync($"{root}/supplies/masks/issues", new { issueId = Guid.NewGuid(), count = 1, staffId = "staff-1" }, Ct),
            () => ops.GetAsync($"{root}/supplies/daily-masks", Ct),
            () => ops.GetAsync($"{root}/meetings?date={Today}", Ct),
            () => ops.PutAsJsonAsync($"{root}/meetings/m1", meeting, Ct),
            () => ops.DeleteAsync($"{root}/meetings/m1", Ct),
            () => ops.GetAsync($"{root}/waste-bags", Ct),
            () => ops.GetAsync($"{root}/waste-bags/bag-1", Ct),
            () => ops.PutAsJsonAsync($"{root}/waste-bags/bag-1", new { zoneId = "iso" }, Ct),
            () => ops.PostAsJsonAsync($"{root}/waste-bags/bag-1/seal", new { }, Ct),
            () => ops.GetAsync($"{root}/compliance?date={Today}", Ct),
            () => ops.PostAsJsonAsync($"{root}/terminal-disinfections", new { zoneId = "iso", reason = "隔离后终末消毒" }, Ct),
            () => ops.PostAsJsonAsync($"{root}/terminal-disinfections/{Guid.NewGuid()}/confirmation", new { }, Ct),
        })
        {
            using var response = await sending();
            var (status, code, body) = await SendAsync(Task.FromResult(response));
            Assert.True((HttpStatusCode.NotFound, "hall_unknown") == (status, code), $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)status} {code} {body}");
        }
    }

    [Fact]
    public async Task A_problem_detail_is_in_Chinese_by_default_and_in_English_when_asked()
    {
        using var ops = fixture.Client(Roles.Ops);
        var (_, code, chinese) = await SendAsync(ops.GetAsync("/api/v1/halls/conv-lang-nowhere/sanitation/supplies", Ct));
        Assert.Equal("hall_unknown", code);
        Assert.Equal("消毒服务中没有办事大厅“conv-lang-nowhere”。", chinese.GetProperty("detail").GetString());

        ops.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var (_, _, english) = await SendAsync(ops.GetAsync("/api/v1/halls/conv-lang-nowhere/sanitation/supplies", Ct));
        Assert.Equal("Hall 'conv-lang-nowhere' is not known to sanitation.", english.GetProperty("detail").GetString());

        await fixture.AddHallAsync("conv-lang-hall");
        using var leader = fixture.Client(Roles.DutyLeader);
        leader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var (status, zoneCode, zone) = await SendAsync(leader.PutAsJsonAsync("/api/v1/halls/conv-lang-hall/sanitation/meetings/m1",
            new { zoneId = "floor-1", startsAt = "2026-12-01T02:00:00+00:00", endsAt = "2026-12-01T02:30:00+00:00", expectedAttendees = 5 }, Ct));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "not_a_meeting_room"), (status, zoneCode));
        Assert.Equal("Zone 'floor-1' is a service_floor, not a meeting room.", zone.GetProperty("detail").GetString());
        leader.DefaultRequestHeaders.AcceptLanguage.Clear();
        var (_, _, zoneZh) = await SendAsync(leader.PutAsJsonAsync("/api/v1/halls/conv-lang-hall/sanitation/meetings/m1",
            new { zoneId = "floor-1", startsAt = "2026-12-01T02:00:00+00:00", endsAt = "2026-12-01T02:30:00+00:00", expectedAttendees = 5 }, Ct));
        Assert.Equal("区域“floor-1”是 service_floor，不是会议室。", zoneZh.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_days_meetings_page_by_keyset_in_start_order_with_instants_in_UTC()
    {
        await fixture.AddHallAsync("conv-meeting-hall");
        using var leader = fixture.Client(Roles.DutyLeader);
        const string root = "/api/v1/halls/conv-meeting-hall/sanitation/meetings";
        // Given in Shanghai time (+08:00), answered in UTC; one cancelled, listed too.
        var starts = new[] { 15, 10, 13, 11, 14 };
        foreach (var hour in starts)
        {
            var (status, _, created) = await SendAsync(leader.PutAsJsonAsync($"{root}/m-{hour}", new
            {
                zoneId = "meeting-a",
                startsAt = $"2026-12-01T{hour:00}:00:00+08:00",
                endsAt = $"2026-12-01T{hour:00}:30:00+08:00",
                expectedAttendees = 5,
            }, Ct));
            Assert.Equal(HttpStatusCode.Created, status);
            Assert.Equal($"2026-12-01T{hour - 8:00}:00:00+00:00", created.GetProperty("startsAt").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.DeleteAsync($"{root}/m-13", Ct))).Status);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, _, page) = await SendAsync(leader.GetAsync($"{root}?date={Today}&limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}"), Ct));
            Assert.Equal(HttpStatusCode.OK, status);
            var meetings = page.GetProperty("meetings").EnumerateArray().ToList();
            Assert.True(meetings.Count <= 2);
            Assert.All(meetings, m => Assert.EndsWith("+00:00", m.GetProperty("startsAt").GetString(), StringComparison.Ordinal));
            seen.AddRange(meetings.Select(m => m.GetProperty("meetingId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(starts.Order().Select(h => $"m-{h}"), seen);

        foreach (var bad in new[] { "not-a-cursor", new string('!', 40), "AAAAAAAAAAAAAAAA" })
        {
            var (status, code, problem) = await SendAsync(leader.GetAsync($"{root}?date={Today}&cursor={Uri.EscapeDataString(bad)}", Ct));
            Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (status, code));
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
        }

        Assert.Equal("validation_failed", (await SendAsync(leader.GetAsync($"{root}?limit=201", Ct))).Code);
    }

    [Fact]
    public async Task The_plans_versions_are_listed_newest_first_a_page_at_a_time()
    {
        await fixture.AddHallAsync("conv-plan-hall");
        using var ops = fixture.Client(Roles.Ops);
        const string root = "/api/v1/halls/conv-plan-hall/sanitation/plan";
        var (empty, _, none) = await SendAsync(ops.GetAsync($"{root}/versions", Ct));
        Assert.Equal(HttpStatusCode.OK, empty);
        Assert.Empty(none.GetProperty("versions").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("nextCursor").ValueKind);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync(root, new { graceMinutes = 30 + i }, Ct))).Status);
        }

        var seen = new List<int>();
        string? cursor = null;
        do
        {
            var (status, _, page) = await SendAsync(ops.GetAsync($"{root}/versions?limit=2" + (cursor is null ? string.Empty : $"&cursor={cursor}"), Ct));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("conv-plan-hall", page.GetProperty("hallId").GetString());
            var versions = page.GetProperty("versions").EnumerateArray().ToList();
            Assert.All(versions, v => Assert.EndsWith("+00:00", v.GetProperty("effectiveFrom").GetString(), StringComparison.Ordinal));
            seen.AddRange(versions.Select(v => v.GetProperty("version").GetInt32()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([5, 4, 3, 2, 1], seen);
        Assert.Equal("validation_failed", (await SendAsync(ops.GetAsync($"{root}/versions?cursor=garbage", Ct))).Code);
        Assert.Equal("validation_failed", (await SendAsync(ops.GetAsync($"{root}/versions?limit=0", Ct))).Code);
    }
}
