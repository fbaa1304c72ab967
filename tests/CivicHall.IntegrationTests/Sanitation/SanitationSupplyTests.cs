using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Supplies;
using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// The supplies ledger (防疫物资台账) against real PostgreSQL: stock never negative under concurrent issues,
/// receipts and issues idempotent by the client's id, every bad input refused with nothing stored, roles,
/// and days of cover from the last 7 days' issues. Sanitation's clock stands at Tuesday 2026-12-01 08:00 Shanghai time.
/// </summary>
public sealed class SanitationSupplyTests(SanitationSystemFixture fixture) : IClassFixture<SanitationSystemFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] ErrorFields(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];

    private Task<List<SupplyMovement>> MovementsAsync(string hallId) => fixture.System.QueryAsync<SanitationDbContext, List<SupplyMovement>>(
        CivicHallSystem.Sanitation, db => db.SupplyMovements.AsNoTracking().Where(m => m.HallId == hallId).ToListAsync(Ct));

    private Task<int> StockAsync(string hallId, string itemId) => fixture.System.QueryAsync<SanitationDbContext, int>(
        CivicHallSystem.Sanitation, db => db.SupplyItems.AsNoTracking().Where(i => i.HallId == hallId && i.ItemId == itemId).Select(i => i.Stock).SingleAsync(Ct));

    private async Task DefineMasksAsync(string hallId, int stock)
    {
        using var ops = fixture.Client(Roles.Ops);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/sanitation/supplies/masks", new { name = "医用外科口罩", unit = "只", lowThreshold = 5, coverDaysThreshold = 3 }, Ct))).Status);
        if (stock > 0)
        {
            using var staff = fixture.Client(Roles.SanitationStaff);
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(staff.PostAsJsonAsync($"/api/v1/halls/{hallId}/sanitation/supplies/masks/receipts", new { receiptId = Guid.NewGuid(), count = stock, supplier = "上海医疗器械有限公司", batch = "B-1" }, Ct))).Status);
        }
    }

    [Fact]
    public async Task Fifty_concurrent_issues_of_the_last_ten_masks_issue_exactly_ten_and_refuse_forty_leaving_no_stock()
    {
        await fixture.AddHallAsync("mask-hall");
        await DefineMasksAsync("mask-hall", 10);

        using var staff = fixture.Client(Roles.SanitationStaff);
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => SendAsync(staff.PostAsJsonAsync(
            "/api/v1/halls/mask-hall/sanitation/supplies/masks/issues", new { issueId = Guid.NewGuid(), count = 1, staffId = $"staff-{i}" }, Ct))));

        Assert.Equal(10, results.Count(r => r.Status == HttpStatusCode.Created));
        var refused = results.Where(r => r.Status != HttpStatusCode.Created).ToList();
        Assert.Equal(40, refused.Count);
        Assert.All(refused, r => Assert.Equal((HttpStatusCode.Conflict, "insufficient_stock", 0), (r.Status, r.Code, r.Body.GetProperty("stock").GetInt32())));
        Assert.Equal(0, await StockAsync("mask-hall", "masks"));
        var issues = (await MovementsAsync("mask-hall")).Where(m => m.Kind == SupplyMovementKind.Issue).ToList();
        Assert.Equal(10, issues.Count);
        Assert.Equal(Enumerable.Range(0, 10), issues.Select(m => m.StockAfter).Order());
    }

    [Fact]
    public async Task Receipts_and_issues_replay_by_their_id_and_refuse_the_id_with_another_body()
    {
        await fixture.AddHallAsync("replay-supply-hall");
        await DefineMasksAsync("replay-supply-hall", 0);
        using var staff = fixture.Client(Roles.SanitationStaff);
        const string root = "/api/v1/halls/replay-supply-hall/sanitation/supplies/masks";

        var receipt = new { receiptId = Guid.NewGuid(), count = 100, supplier = "供应商甲", batch = "20261128-03" };
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(staff.PostAsJsonAsync($"{root}/receipts", receipt, Ct))).Status);
        using (var again = await staff.PostAsJsonAsync($"{root}/receipts", receipt, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        }

        Assert.Equal((HttpStatusCode.Conflict, "supply_movement_id_reused"), Pick(await SendAsync(staff.PostAsJsonAsync($"{root}/receipts", receipt with { count = 99 }, Ct))));

        var issue = new { issueId = Guid.NewGuid(), count = 3, staffId = "staff-017" };
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(staff.PostAsJsonAsync($"{root}/issues", issue, Ct))).Status);
        var replays = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SendAsync(staff.PostAsJsonAsync($"{root}/issues", issue, Ct))));
        Assert.All(replays, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal((HttpStatusCode.Conflict, "supply_movement_id_reused"), Pick(await SendAsync(staff.PostAsJsonAsync($"{root}/issues", issue with { staffId = "staff-018" }, Ct))));

        Assert.Equal(97, await StockAsync("replay-supply-hall", "masks"));
        Assert.Equal(2, (await MovementsAsync("replay-supply-hall")).Count);

        // Days of cover: 3 issued over the last 7 days is 3/7 a day; 97 left cover 226.3 days.
        using var leader = fixture.Client(Roles.DutyLeader);
        var (status, _, list) = await SendAsync(leader.GetAsync("/api/v1/halls/replay-supply-hall/sanitation/supplies", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        var masks = list.GetProperty("items").EnumerateArray().Single();
        Assert.Equal((97, 0.43m, 226.3m, false), (masks.GetProperty("stock").GetInt32(), masks.GetProperty("dailyIssue").GetDecimal(), masks.GetProperty("daysOfCover").GetDecimal(), masks.GetProperty("low").GetBoolean()));
    }

    [Fact]
    public async Task Every_bad_input_is_refused_with_its_code_and_nothing_stored()
    {
        await fixture.AddHallAsync("bad-supply-hall");
        await DefineMasksAsync("bad-supply-hall", 5);
        using var ops = fixture.Client(Roles.Ops);
        using var staff = fixture.Client(Roles.SanitationStaff);
        const string root = "/api/v1/halls/bad-supply-hall/sanitation/supplies";

        foreach (var (body, field) in new (object, string)[]
        {
            (new { unit = "只", lowThreshold = 1 }, "name"),
            (new { name = "口罩", lowThreshold = 1 }, "unit"),
            (new { name = "口罩", unit = "只" }, "lowThreshold"),
            (new { name = "口罩", unit = "只", lowThreshold = -1 }, "lowThreshold"),
            (new { name = "口罩", unit = "只", lowThreshold = 1, coverDaysThreshold = -1 }, "coverDaysThreshold"),
        })
        {
            var (status, code, problem) = await SendAsync(ops.PutAsJsonAsync($"{root}/gloves", body, Ct));
            Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (status, code));
            Assert.Equal([field], ErrorFields(problem));
        }

        foreach (var (body, field) in new (object, string)[]
        {
            (new { count = 1, supplier = "x" }, "receiptId"),
            (new { receiptId = Guid.NewGuid(), count = 0 }, "count"),
            (new { receiptId = Guid.NewGuid(), count = -5 }, "count"),
            (new { receiptId = Guid.NewGuid(), count = 1, supplier = " " }, "supplier"),
        })
        {
            var (status, code, problem) = await SendAsync(staff.PostAsJsonAsync($"{root}/masks/receipts", body, Ct));
            Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (status, code));
            Assert.Equal([field], ErrorFields(problem));
        }

        foreach (var (body, field) in new (object, string)[]
        {
            (new { count = 1, staffId = "s-1" }, "issueId"),
            (new { issueId = Guid.NewGuid(), count = 0, staffId = "s-1" }, "count"),
            (new { issueId = Guid.NewGuid(), count = 1 }, "staffId"),
            (new { issueId = Guid.NewGuid(), count = 1, staffId = "no spaces" }, "staffId"),
        })
        {
            var (status, code, problem) = await SendAsync(staff.PostAsJsonAsync($"{root}/masks/issues", body, Ct));
            Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (status, code));
            Assert.Equal([field], ErrorFields(problem));
        }

        Assert.Equal((HttpStatusCode.Conflict, "insufficient_stock"), Pick(await SendAsync(staff.PostAsJsonAsync($"{root}/masks/issues", new { issueId = Guid.NewGuid(), count = 6, staffId = "s-1" }, Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "supply_item_unknown"), Pick(await SendAsync(staff.PostAsJsonAsync($"{root}/gloves/issues", new { issueId = Guid.NewGuid(), count = 1, staffId = "s-1" }, Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "supply_item_unknown"), Pick(await SendAsync(staff.PostAsJsonAsync($"{root}/gloves/receipts", new { receiptId = Guid.NewGuid(), count = 1 }, Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(staff.PostAsJsonAsync("/api/v1/halls/no-such-hall/sanitation/supplies/masks/issues", new { issueId = Guid.NewGuid(), count = 1, staffId = "s-1" }, Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(ops.PutAsJsonAsync("/api/v1/halls/no-such-hall/sanitation/supplies/masks", new { name = "口罩", unit = "只", lowThreshold = 1 }, Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(staff.GetAsync("/api/v1/halls/no-such-hall/sanitation/supplies", Ct))));

        Assert.Equal(5, await StockAsync("bad-supply-hall", "masks"));
        Assert.Single(await MovementsAsync("bad-supply-hall")); // the one receipt of the set-up
        Assert.False(await fixture.System.QueryAsync<SanitationDbContext, bool>(CivicHallSystem.Sanitation, db => db.SupplyItems.AnyAsync(i => i.ItemId == "gloves" && i.HallId == "bad-supply-hall", Ct)));
    }

    [Fact]
    public async Task Ops_and_duty_leaders_define_items_sanitation_staff_and_duty_leaders_move_stock()
    {
        await fixture.AddHallAsync("role-supply-hall");
        await DefineMasksAsync("role-supply-hall", 10);
        const string root = "/api/v1/halls/role-supply-hall/sanitation/supplies";
        var item = new { name = "一次性手套", unit = "副", lowThreshold = 10 };
        using var staff = fixture.Client(Roles.SanitationStaff);
        using var leader = fixture.Client(Roles.DutyLeader);
        using var ops = fixture.Client(Roles.Ops);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(staff.PutAsJsonAsync($"{root}/gloves", item, Ct))).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PutAsJsonAsync($"{root}/gloves", item, Ct))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ops.PutAsJsonAsync($"{root}/gloves", item with { lowThreshold = 20 }, Ct))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ops.PostAsJsonAsync($"{root}/masks/issues", new { issueId = Guid.NewGuid(), count = 1, staffId = "s-1" }, Ct))).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leader.PostAsJsonAsync($"{root}/masks/issues", new { issueId = Guid.NewGuid(), count = 1, staffId = "s-1" }, Ct))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ops.GetAsync(root, Ct))).Status);
        Assert.Equal(9, await StockAsync("role-supply-hall", "masks"));
    }

    private static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, JsonElement Body) r) => (r.Status, r.Code);
}
