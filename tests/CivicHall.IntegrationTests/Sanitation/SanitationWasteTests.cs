using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Waste;
using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// Medical waste (涉疫垃圾) against real PostgreSQL: bags by the client's id through
/// <c>bagged → sealed → disinfected → handed_over</c>, each step once (a conditional UPDATE), the same step
/// again a replay, any other out of order with the bag's state and next step; the outside's strength within the
/// plan; the list paged newest first. Sanitation's clock starts at Tuesday 2026-12-01 08:00 Shanghai time.
/// </summary>
public sealed class SanitationWasteTests(SanitationSystemFixture fixture) : IClassFixture<SanitationSystemFixture>
{
    private static readonly object Sealing = new { notes = "双层包装，鹅颈结封口" };
    private static readonly object Spraying = new { agent = "chlorine", strength = 1500, notes = "外表面喷洒" };
    private static readonly object HandingOver = new { collectorCompany = "上海市固体废物处置有限公司", collectorName = "王师傅", handoverNumber = "SH-2026-120100017" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Root(string hallId) => $"/api/v1/halls/{hallId}/sanitation/waste-bags";

    private Task<WasteBag?> BagAsync(string hallId, string bagId) => fixture.System.QueryAsync<SanitationDbContext, WasteBag?>(
        CivicHallSystem.Sanitation, db => db.WasteBags.AsNoTracking().SingleOrDefaultAsync(b => b.HallId == hallId && b.BagId == bagId, Ct));

    private Task<int> OpenAsync(string hallId) => fixture.System.QueryAsync<SanitationDbContext, int>(
        CivicHallSystem.Sanitation, db => WasteStore.CountOpenAsync(db, hallId, Ct));

    /// <summary>Status, problem code, body and whether the answer was a replay.</summary>
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

    private static (HttpStatusCode, string?, string?, string?) OutOfOrder((HttpStatusCode Status, string? Code, JsonElement Body) r) =>
        (r.Status, r.Code, r.Body.GetProperty("state").GetString(), r.Body.GetProperty("nextStep").GetString());

    private static async Task BagAsync(HttpClient client, string hallId, string bagId, object? body = null) =>
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client.PutAsJsonAsync($"{Root(hallId)}/{bagId}", body ?? new { zoneId = "iso" }, Ct))).Status);

    [Fact]
    public async Task A_bag_goes_bagged_sealed_disinfected_handed_over_each_step_timed_and_by_whom()
    {
        await fixture.AddHallAsync("waste-hall");
        using var staff = fixture.GatewayClient("san-001", Roles.SanitationStaff);
        using var leader = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        var root = Root("waste-hall");
        var incident = Guid.NewGuid();
        var start = fixture.Clock.GetUtcNow();

        var (status, _, bagged) = await SendAsync(staff.PutAsJsonAsync($"{root}/iso-20261201-01", new { zoneId = "iso", incidentId = incident, notes = "隔离区防护服、口罩" }, Ct));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("bagged", "seal", incident), (bagged.GetProperty("state").GetString(), bagged.GetProperty("nextStep").GetString(), bagged.GetProperty("incidentId").GetGuid()));
        Assert.Equal(1, await OpenAsync("waste-hall"));

        fixture.AdvanceTo(start.AddMinutes(5));
        var (sealStatus, _, sealedBag) = await SendAsync(staff.PostAsJsonAsync($"{root}/iso-20261201-01/seal", Sealing, Ct));
        Assert.Equal((HttpStatusCode.OK, "sealed", "disinfected"), (sealStatus, sealedBag.GetProperty("state").GetString(), sealedBag.GetProperty("nextStep").GetString()));

        fixture.AdvanceTo(start.AddMinutes(10));
        var (sprayStatus, _, sprayed) = await SendAsync(leader.PostAsJsonAsync($"{root}/iso-20261201-01/disinfected", Spraying, Ct));
        Assert.Equal((HttpStatusCode.OK, "disinfected", "handover"), (sprayStatus, sprayed.GetProperty("state").GetString(), sprayed.GetProperty("nextStep").GetString()));
        Assert.Equal(1, await OpenAsync("waste-hall"));

        fixture.AdvanceTo(start.AddMinutes(60));
        var (handStatus, _, handed) = await SendAsync(staff.PostAsJsonAsync($"{root}/iso-20261201-01/handover", HandingOver, Ct));
        Assert.Equal(HttpStatusCode.OK, handStatus);
        Assert.Equal(JsonValueKind.Null, handed.GetProperty("nextStep").ValueKind);
        Assert.Equal(0, await OpenAsync("waste-hall"));

        var (readStatus, _, read) = await SendAsync(leader.GetAsync($"{root}/iso-20261201-01", Ct));
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal("handed_over", read.GetProperty("state").GetString());
        var timeline = read.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(
            [("bagged", "san-001", start), ("sealed", "san-001", start.AddMinutes(5)), ("disinfected", "leader-001", start.AddMinutes(10)), ("handed_over", "san-001", start.AddMinutes(60))],
            timeline.Select(s => (s.GetProperty("state").GetString(), s.GetProperty("by").GetString(), s.GetProperty("at").GetDateTimeOffset())));
        Assert.Equal(("chlorine", 1500m, "mg/L"), (timeline[2].GetProperty("agent").GetString(), timeline[2].GetProperty("strength").GetDecimal(), timeline[2].GetProperty("strengthUnit").GetString()));
        Assert.Equal(("上海市固体废物处置有限公司", "王师傅", "SH-2026-120100017"),
            (timeline[3].GetProperty("collectorCompany").GetString(), timeline[3].GetProperty("collectorName").GetString(), timeline[3].GetProperty("handoverNumber").GetString()));
        Assert.Equal("隔离区防护服、口罩", timeline[0].GetProperty("notes").GetString());

        var (_, _, byIncident) = await SendAsync(leader.GetAsync($"{root}?incidentId={incident}&state=handed_over", Ct));
        Assert.Equal(["iso-20261201-01"], byIncident.GetProperty("bags").EnumerateArray().Select(b => b.GetProperty("bagId").GetString()));
    }

    [Fact]
    public async Task Each_step_out_of_order_is_refused_with_the_bags_state_and_next_step_and_a_done_step_sent_again_is_a_replay()
    {
        await fixture.AddHallAsync("order-waste-hall");
        using var staff = fixture.Client(Roles.SanitationStaff);
        var bag = $"{Root("order-waste-hall")}/b-1";
        await BagAsync(staff, "order-waste-hall", "b-1");

        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_step_out_of_order", "bagged", "seal"), OutOfOrder(await SendAsync(staff.PostAsJsonAsync($"{bag}/disinfected", Spraying, Ct))));
        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_step_out_of_order", "bagged", "seal"), OutOfOrder(await SendAsync(staff.PostAsJsonAsync($"{bag}/handover", HandingOver, Ct))));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.PostAsJsonAsync($"{bag}/seal", Sealing, Ct))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_step_out_of_order", "sealed", "disinfected"), OutOfOrder(await SendAsync(staff.PostAsJsonAsync($"{bag}/seal", new { notes = "又封了一次" }, Ct))));
        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_step_out_of_order", "sealed", "disinfected"), OutOfOrder(await SendAsync(staff.PostAsJsonAsync($"{bag}/handover", HandingOver, Ct))));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.PostAsJsonAsync($"{bag}/disinfected", Spraying, Ct))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_step_out_of_order", "disinfected", "handover"), OutOfOrder(await SendAsync(staff.PostAsJsonAsync($"{bag}/seal", new { notes = "again" }, Ct))));
        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_step_out_of_order", "disinfected", "handover"), OutOfOrder(await SendAsync(staff.PostAsJsonAsync($"{bag}/disinfected", new { strength = 1800 }, Ct))));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.PostAsJsonAsync($"{bag}/handover", HandingOver, Ct))).Status);
        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_step_out_of_order", "handed_over", null), OutOfOrder(await SendAsync(staff.PostAsJsonAsync($"{bag}/handover", new { collectorCompany = "另一家", collectorName = "李", handoverNumber = "X-2" }, Ct))));
        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_step_out_of_order", "handed_over", null), OutOfOrder(await SendAsync(staff.PostAsJsonAsync($"{bag}/seal", new { }, Ct))));

        // Every step sent again as it was done, even after the bag moved on: 200, replayed, nothing changed.
        var stored = await BagAsync("order-waste-hall", "b-1");
        foreach (var (step, body) in new (string, object)[] { ("seal", Sealing), ("disinfected", Spraying), ("handover", HandingOver) })
        {
            var again = await SendReplayAsync(staff.PostAsJsonAsync($"{bag}/{step}", body, Ct));
            Assert.Equal((HttpStatusCode.OK, true, "handed_over"), (again.Status, again.Replayed, again.Body.GetProperty("state").GetString()));
        }

        Assert.Equivalent(stored, await BagAsync("order-waste-hall", "b-1"));
    }

    [Fact]
    public async Task A_strength_outside_the_plans_waste_bag_range_is_refused_and_nothing_stored()
    {
        await fixture.AddHallAsync("strength-waste-hall");
        using var staff = fixture.Client(Roles.SanitationStaff);
        var bag = $"{Root("strength-waste-hall")}/b-1";
        await BagAsync(staff, "strength-waste-hall", "b-1");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.PostAsJsonAsync($"{bag}/seal", new { }, Ct))).Status);

        foreach (var strength in new[] { 500m, 999.99m, 2000.01m, 5000m })
        {
            var (status, code, problem) = await SendAsync(staff.PostAsJsonAsync($"{bag}/disinfected", new { agent = "chlorine", strength }, Ct));
            Assert.Equal((HttpStatusCode.UnprocessableEntity, "strength_out_of_range"), (status, code));
            Assert.Equal((1000m, 2000m, "mg/L"), (problem.GetProperty("min").GetDecimal(), problem.GetProperty("max").GetDecimal(), problem.GetProperty("unit").GetString()));
        }

        var untouched = await BagAsync("strength-waste-hall", "b-1");
        Assert.Equal((WasteBagState.Sealed, null, null, null), (untouched!.State, untouched.DisinfectedAt, untouched.Strength, untouched.DisinfectionFingerprint));

        // The plan in force decides: a hall that widens the range may record 800 mg/L.
        using var ops = fixture.Client(Roles.Ops);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/strength-waste-hall/sanitation/plan", new { wasteBagStrength = new { min = 800, max = 2000, unit = "mg/L" } }, Ct))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.PostAsJsonAsync($"{bag}/disinfected", new { strength = 800 }, Ct))).Status);
        Assert.Equal((WasteBagState.Disinfected, 800m, "chlorine"), ((await BagAsync("strength-waste-hall", "b-1"))!.State, (await BagAsync("strength-waste-hall", "b-1"))!.Strength, (await BagAsync("strength-waste-hall", "b-1"))!.Agent));
    }

    [Fact]
    public async Task Unknown_halls_zones_and_bags_and_every_bad_input_are_refused_with_their_code_and_nothing_stored()
    {
        await fixture.AddHallAsync("bad-waste-hall");
        using var staff = fixture.Client(Roles.SanitationStaff);
        var root = Root("bad-waste-hall");

        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(staff.PutAsJsonAsync($"{Root("no-such-hall")}/b-1", new { zoneId = "iso" }, Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(staff.PostAsJsonAsync($"{Root("no-such-hall")}/b-1/seal", new { }, Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(staff.GetAsync(Root("no-such-hall"), Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(staff.GetAsync($"{Root("no-such-hall")}/b-1", Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "zone_unknown"), Pick(await SendAsync(staff.PutAsJsonAsync($"{root}/b-1", new { zoneId = "nowhere" }, Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "waste_bag_unknown"), Pick(await SendAsync(staff.GetAsync($"{root}/b-1", Ct))));
        foreach (var (step, body) in new (string, object)[] { ("seal", Sealing), ("disinfected", Spraying), ("handover", HandingOver) })
        {
            Assert.Equal((HttpStatusCode.NotFound, "waste_bag_unknown"), Pick(await SendAsync(staff.PostAsJsonAsync($"{root}/b-1/{step}", body, Ct))));
        }

        foreach (var (path, body, field) in new (string, object, string)[]
        {
            ("b-1", new { notes = "x" }, "zoneId"),
            ("b-1", new { zoneId = "no spaces" }, "zoneId"),
            ("b-1", new { zoneId = "iso", incidentId = Guid.Empty }, "incidentId"),
            ("b-1", new { zoneId = "iso", notes = new string('x', 1001) }, "notes"),
            ("b-1/seal", new { notes = new string('x', 1001) }, "notes"),
            ("b-1/disinfected", new { agent = "chlorine" }, "strength"),
            ("b-1/disinfected", new { strength = 0 }, "strength"),
            ("b-1/disinfected", new { strength = -1500 }, "strength"),
            ("b-1/disinfected", new { agent = "alcohol", strength = 1500 }, "agent"),
            ("b-1/handover", new { collectorName = "王", handoverNumber = "N-1" }, "collectorCompany"),
            ("b-1/handover", new { collectorCompany = "公司", handoverNumber = "N-1" }, "collectorName"),
            ("b-1/handover", new { collectorCompany = "公司", collectorName = "王" }, "handoverNumber"),
            ("b-1/handover", new { collectorCompany = "公司", collectorName = "王", handoverNumber = " " }, "handoverNumber"),
        })
        {
            var request = path.Contains('/', StringComparison.Ordinal) ? staff.PostAsJsonAsync($"{root}/{path}", body, Ct) : staff.PutAsJsonAsync($"{root}/{path}", body, Ct);
            var (status, code, problem) = await SendAsync(request);
            Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (status, code));
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        foreach (var (query, field) in new[] { ("state=open", "state"), ("incidentId=not-a-uuid", "incidentId"), ("limit=0", "limit"), ("limit=201", "limit"), ("cursor=AAAA", "cursor"), ("cursor=" + new string('!', 32), "cursor"), ("date=1999-12-31", "date") })
        {
            var (status, code, problem) = await SendAsync(staff.GetAsync($"{root}?{query}", Ct));
            Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (status, code));
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), Pick(await SendAsync(staff.PutAsJsonAsync($"{root}/no%20spaces", new { zoneId = "iso" }, Ct))));
        Assert.False(await fixture.System.QueryAsync<SanitationDbContext, bool>(CivicHallSystem.Sanitation, db => db.WasteBags.AnyAsync(b => b.HallId == "bad-waste-hall" || b.HallId == "no-such-hall", Ct)));
    }

    [Fact]
    public async Task A_bag_sent_again_is_a_replay_and_its_id_with_another_body_is_refused()
    {
        await fixture.AddHallAsync("replay-waste-hall");
        using var staff = fixture.Client(Roles.SanitationStaff);
        var bag = $"{Root("replay-waste-hall")}/b-1";
        var body = new { zoneId = "floor-1", notes = "一楼废弃口罩" };

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SendReplayAsync(staff.PutAsJsonAsync(bag, body, Ct))));
        Assert.Single(results, r => r.Status == HttpStatusCode.Created && !r.Replayed);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal((HttpStatusCode.OK, true), (r.Status, r.Replayed)));

        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_id_reused"), Pick(await SendAsync(staff.PutAsJsonAsync(bag, body with { notes = "另一袋" }, Ct))));
        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_id_reused"), Pick(await SendAsync(staff.PutAsJsonAsync(bag, new { zoneId = "iso", notes = "一楼废弃口罩" }, Ct))));
        Assert.Equal((HttpStatusCode.Conflict, "waste_bag_id_reused"), Pick(await SendAsync(staff.PutAsJsonAsync(bag, new { zoneId = "floor-1", incidentId = Guid.NewGuid(), notes = "一楼废弃口罩" }, Ct))));

        // A replay after the bag moved on still answers the bag as it is.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.PostAsJsonAsync($"{bag}/seal", new { }, Ct))).Status);
        var late = await SendReplayAsync(staff.PutAsJsonAsync(bag, body, Ct));
        Assert.Equal((HttpStatusCode.OK, true, "sealed"), (late.Status, late.Replayed, late.Body.GetProperty("state").GetString()));
        Assert.Equal("floor-1", (await BagAsync("replay-waste-hall", "b-1"))!.ZoneId);
    }

    [Fact]
    public async Task Twenty_concurrent_seals_of_one_bag_make_one_transition_and_nineteen_replays()
    {
        await fixture.AddHallAsync("race-waste-hall");
        using var staff = fixture.Client(Roles.SanitationStaff);
        await BagAsync(staff, "race-waste-hall", "b-1");
        var bag = $"{Root("race-waste-hall")}/b-1";

        var seals = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SendReplayAsync(staff.PostAsJsonAsync($"{bag}/seal", Sealing, Ct))));
        Assert.All(seals, s => Assert.Equal((HttpStatusCode.OK, "sealed"), (s.Status, s.Body.GetProperty("state").GetString())));
        Assert.Equal(1, seals.Count(s => !s.Replayed));

        // And twenty concurrent sprays with different strengths: one wins, the others are out of order.
        var sprays = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SendReplayAsync(staff.PostAsJsonAsync($"{bag}/disinfected", new { strength = 1000 + i }, Ct))));
        Assert.Single(sprays, s => s.Status == HttpStatusCode.OK);
        Assert.All(sprays.Where(s => s.Status != HttpStatusCode.OK), s => Assert.Equal((HttpStatusCode.Conflict, "waste_bag_step_out_of_order"), (s.Status, s.Code)));
        var stored = await BagAsync("race-waste-hall", "b-1");
        Assert.Equal(sprays.Single(s => s.Status == HttpStatusCode.OK).Body.GetProperty("timeline")[2].GetProperty("strength").GetDecimal(), stored!.Strength);
    }

    [Fact]
    public async Task The_list_pages_newest_first_without_repeating_or_skipping_a_bag()
    {
        await fixture.AddHallAsync("list-waste-hall");
        using var staff = fixture.Client(Roles.SanitationStaff);
        var incident = Guid.NewGuid();
        var expected = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            // Bags bagged at the same instant (a fixed clock) are ordered by id; some later ones between.
            if (i % 10 == 9)
            {
                fixture.AdvanceTo(fixture.Clock.GetUtcNow().AddSeconds(1));
            }

            var id = $"bag-{i:00}";
            await BagAsync(staff, "list-waste-hall", id, i % 3 == 0 ? new { zoneId = "iso", incidentId = incident } : new { zoneId = "floor-1" });
            expected.Add(id);
        }

        using var ops = fixture.Client(Roles.Ops);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, _, page) = await SendAsync(ops.GetAsync($"{Root("list-waste-hall")}?limit=7{(cursor is null ? string.Empty : $"&cursor={cursor}")}", Ct));
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page.GetProperty("bags").EnumerateArray().Select(b => b.GetProperty("bagId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages++ == 1)
            {
                // Bags added while paging come before the first page, never in the middle.
                await BagAsync(staff, "list-waste-hall", "bag-late");
            }
        }
        while (cursor is not null);

        Assert.Equal(4, pages);
        Assert.Equal(expected.AsEnumerable().Reverse(), seen, StringComparer.Ordinal);

        var (_, _, fromIncident) = await SendAsync(ops.GetAsync($"{Root("list-waste-hall")}?incidentId={incident}&date=2026-12-01&state=bagged", Ct));
        Assert.Equal(expected.Where((_, i) => i % 3 == 0).Reverse(), fromIncident.GetProperty("bags").EnumerateArray().Select(b => b.GetProperty("bagId").GetString()!));
        var (_, _, otherDay) = await SendAsync(ops.GetAsync($"{Root("list-waste-hall")}?date=2026-12-02", Ct));
        Assert.Empty(otherDay.GetProperty("bags").EnumerateArray());
        Assert.Equal(26, await OpenAsync("list-waste-hall"));
    }

    [Fact]
    public async Task Sanitation_staff_and_duty_leaders_write_and_ops_only_read()
    {
        await fixture.AddHallAsync("role-waste-hall");
        var root = Root("role-waste-hall");
        using var staff = fixture.Client(Roles.SanitationStaff);
        using var leader = fixture.Client(Roles.DutyLeader);
        using var ops = fixture.Client(Roles.Ops);
        using var screener = fixture.Client(Roles.Screener);

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ops.PutAsJsonAsync($"{root}/b-1", new { zoneId = "iso" }, Ct))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(screener.PutAsJsonAsync($"{root}/b-1", new { zoneId = "iso" }, Ct))).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PutAsJsonAsync($"{root}/b-1", new { zoneId = "iso" }, Ct))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ops.PostAsJsonAsync($"{root}/b-1/seal", new { }, Ct))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.PostAsJsonAsync($"{root}/b-1/seal", new { }, Ct))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ops.PostAsJsonAsync($"{root}/b-1/disinfected", Spraying, Ct))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(leader.PostAsJsonAsync($"{root}/b-1/disinfected", Spraying, Ct))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ops.PostAsJsonAsync($"{root}/b-1/handover", HandingOver, Ct))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ops.GetAsync($"{root}/b-1", Ct))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ops.GetAsync(root, Ct))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(screener.GetAsync(root, Ct))).Status);
        Assert.Equal(WasteBagState.Disinfected, (await BagAsync("role-waste-hall", "b-1"))!.State);
    }
}
