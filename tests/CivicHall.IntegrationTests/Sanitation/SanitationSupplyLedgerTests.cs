using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Supplies;
using static CivicHall.IntegrationTests.Sanitation.SanitationAnswers;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// The rest of the supplies ledger (issue 18 item 6): <c>SuppliesLow</c> once per low episode and cool-down, however
/// many issues race; an item's ledger paged newest first and as CSV; who on duty has not had the day's mask.
/// Sanitation's clock starts at Tuesday 2026-12-01 08:00 Shanghai time and moves forward within that day.
/// </summary>
public sealed class SanitationSupplyLedgerTests(SanitationSystemFixture fixture) : IClassFixture<SanitationSystemFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Low(string ItemId, int Stock, string Reason, decimal? DaysOfCover);

    private async Task<List<Low>> RaisedAsync(string hallId)
    {
        var type = IntegrationEventTypes.NameOf(typeof(SuppliesLow));
        var rows = await fixture.System.QueryAsync<SanitationDbContext, List<OutboxMessage>>(CivicHallSystem.Sanitation,
            db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == type).OrderBy(m => m.Sequence).ToListAsync(Ct));
        return [.. rows.Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Where(e => e.GetProperty("hallId").GetString() == hallId)
            .Select(e => new Low(e.GetProperty("itemId").GetString()!, e.GetProperty("stock").GetInt32(), e.GetProperty("reason").GetString()!,
                e.GetProperty("daysOfCover").ValueKind == JsonValueKind.Null ? null : e.GetProperty("daysOfCover").GetDecimal()))];
    }

    private async Task DefineAsync(string hallId, string itemId, int lowThreshold, int coverDaysThreshold, int stock)
    {
        using var ops = fixture.Client(Roles.Ops);
        var (status, _, _) = await SendAsync(ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/sanitation/supplies/{itemId}", new { name = itemId, unit = "只", lowThreshold, coverDaysThreshold }, Ct));
        Assert.Equal(HttpStatusCode.Created, status);
        if (stock > 0)
        {
            await ReceiveAsync(hallId, itemId, stock);
        }
    }

    private async Task ReceiveAsync(string hallId, string itemId, int count)
    {
        using var staff = fixture.Client(Roles.SanitationStaff);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(staff.PostAsJsonAsync($"/api/v1/halls/{hallId}/sanitation/supplies/{itemId}/receipts", new { receiptId = Guid.NewGuid(), count, supplier = "供应商甲", batch = "B-1" }, Ct))).Status);
    }

    private async Task IssueAsync(string hallId, string itemId, int count, string staffId = "staff-1")
    {
        using var staff = fixture.Client(Roles.SanitationStaff);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(staff.PostAsJsonAsync($"/api/v1/halls/{hallId}/sanitation/supplies/{itemId}/issues", new { issueId = Guid.NewGuid(), count, staffId }, Ct))).Status);
    }

    [Fact]
    public async Task SuppliesLow_is_raised_once_however_many_issues_race_and_again_only_after_a_receipt_and_the_cool_down()
    {
        await fixture.AddHallAsync("low-hall");
        using (var ops = fixture.Client(Roles.Ops))
        {
            (await ops.PutAsJsonAsync("/api/v1/halls/low-hall/sanitation/plan", new { suppliesLowCooldownMinutes = 60 }, Ct)).EnsureSuccessStatusCode();
        }

        await DefineAsync("low-hall", "masks", lowThreshold: 10, coverDaysThreshold: 0, stock: 60);
        using var staff = fixture.Client(Roles.SanitationStaff);
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => SendAsync(staff.PostAsJsonAsync(
            "/api/v1/halls/low-hall/sanitation/supplies/masks/issues", new { issueId = Guid.NewGuid(), count = 1, staffId = $"staff-{i}" }, Ct))));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Equal([new Low("masks", 10, SuppliesLow.BelowThreshold, 1.4m)], await RaisedAsync("low-hall")); // the 50th issue took it to 10

        // Still low: nothing more. A receipt puts it above the threshold (armed again), an issue takes it low within the hour: held back.
        await IssueAsync("low-hall", "masks", 1);
        await ReceiveAsync("low-hall", "masks", 100);
        await IssueAsync("low-hall", "masks", 100);
        Assert.Single(await RaisedAsync("low-hall"));

        // Past the cool-down the next issue raises it (once).
        fixture.AdvanceTo(fixture.Clock.GetUtcNow().AddMinutes(61));
        await IssueAsync("low-hall", "masks", 1);
        await IssueAsync("low-hall", "masks", 1);
        var raised = await RaisedAsync("low-hall");
        Assert.Equal(2, raised.Count);
        Assert.Equal(("masks", 8), (raised[1].ItemId, raised[1].Stock));

        // A higher threshold makes gloves low by their definition; alcohol goes low by days of cover (10 left, 10 issued this week: 7 days, under 10).
        await DefineAsync("low-hall", "gloves", lowThreshold: 5, coverDaysThreshold: 0, stock: 20);
        await IssueAsync("low-hall", "gloves", 1);
        using (var leader = fixture.Client(Roles.DutyLeader))
        {
            var (status, _, body) = await SendAsync(leader.PutAsJsonAsync("/api/v1/halls/low-hall/sanitation/supplies/gloves", new { name = "gloves", unit = "副", lowThreshold = 50 }, Ct));
            Assert.Equal((HttpStatusCode.OK, true), (status, body.GetProperty("low").GetBoolean()));
        }

        await DefineAsync("low-hall", "alcohol", lowThreshold: 0, coverDaysThreshold: 10, stock: 20);
        await IssueAsync("low-hall", "alcohol", 10);
        raised = await RaisedAsync("low-hall");
        Assert.Equal(
            [new Low("gloves", 19, SuppliesLow.BelowThreshold, 133m), new Low("alcohol", 10, SuppliesLow.UnderCoverDays, 7m)],
            raised.Skip(2));
    }

    [Fact]
    public async Task The_ledger_pages_newest_first_without_repeating_or_losing_a_line_while_issues_go_on_and_its_CSV_has_the_same_rows()
    {
        await fixture.AddHallAsync("ledger-hall");
        await DefineAsync("ledger-hall", "masks", lowThreshold: 0, coverDaysThreshold: 0, stock: 1000);
        for (var i = 0; i < 24; i++)
        {
            if (i % 5 == 0)
            {
                fixture.AdvanceTo(fixture.Clock.GetUtcNow().AddSeconds(1)); // some lines share an instant: the id orders them
            }

            await IssueAsync("ledger-hall", "masks", 1 + (i % 3), $"staff-{i}");
        }

        var before = await fixture.System.QueryAsync<SanitationDbContext, List<Guid>>(CivicHallSystem.Sanitation,
            db => db.SupplyMovements.AsNoTracking().Where(m => m.HallId == "ledger-hall").Select(m => m.MovementId).ToListAsync(Ct));
        Assert.Equal(25, before.Count);

        using var auditor = fixture.Client(Roles.Ops);
        const string root = "/api/v1/halls/ledger-hall/sanitation/supplies/masks/movements";
        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, _, page) = await SendAsync(auditor.GetAsync($"{root}?limit=7{(cursor is null ? "" : "&cursor=" + cursor)}", Ct));
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(page.GetProperty("movements").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;

            // Issues go on meanwhile: they are newer than every line already listed, so they come before the first page, never later.
            fixture.AdvanceTo(fixture.Clock.GetUtcNow().AddSeconds(1));
            using var staff = fixture.Client(Roles.SanitationStaff);
            var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
            var issued = await Task.WhenAll(ids.Select(id => SendAsync(staff.PostAsJsonAsync("/api/v1/halls/ledger-hall/sanitation/supplies/masks/issues", new { issueId = id, count = 1, staffId = "staff-x" }, Ct))));
            Assert.All(issued, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        }
        while (cursor is not null);

        var listed = seen.Select(m => m.GetProperty("movementId").GetGuid()).ToList();
        Assert.Equal(4, pages);
        Assert.Equal(before.Order(), listed.Order()); // each line once, none of those added meanwhile
        var order = seen.Select(m => (m.GetProperty("at").GetDateTimeOffset(), m.GetProperty("movementId").GetGuid())).ToList();
        Assert.Equal(order.OrderByDescending(o => o.Item1).ThenByDescending(o => o.Item2.ToString(), StringComparer.Ordinal), order);
        Assert.Equal("receipt", seen[^1].GetProperty("kind").GetString());

        // The CSV (by format= and by Accept) has the rows of the same page.
        var (_, _, json) = await SendAsync(auditor.GetAsync($"{root}?limit=10", Ct));
        var jsonRows = json.GetProperty("movements").EnumerateArray()
            .Select(m => string.Join('|', m.GetProperty("movementId").GetGuid(), m.GetProperty("at").GetDateTimeOffset().UtcTicks, m.GetProperty("kind").GetString(),
                m.GetProperty("count").GetInt32(), m.GetProperty("stockAfter").GetInt32(), m.GetProperty("staffId").GetString())).ToList();
        using var csvResponse = await auditor.GetAsync($"{root}?limit=10&format=csv", Ct);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(json.GetProperty("nextCursor").GetString(), csvResponse.Headers.GetValues("Next-Cursor").Single());
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SupplyLedgerCsv.Headers, lines[0].Split(','));
        var csvRows = lines.Skip(1).Select(l => l.Split(',')).Select(c => string.Join('|', Guid.Parse(c[0]), DateTimeOffset.Parse(c[1], CultureInfo.InvariantCulture).UtcTicks, c[3], c[7], c[8], c[9])).ToList();
        Assert.Equal(jsonRows, csvRows);
        using var byAccept = new HttpRequestMessage(HttpMethod.Get, $"{root}?limit=10");
        byAccept.Headers.Accept.ParseAdd("text/csv");
        using var acceptResponse = await auditor.SendAsync(byAccept, Ct);
        Assert.Equal(csv, Encoding.UTF8.GetString(await acceptResponse.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF'));

        // Filters: the one receipt; a window of time; bad values and unknown things.
        var (_, _, receipts) = await SendAsync(auditor.GetAsync($"{root}?kind=receipt", Ct));
        Assert.Single(receipts.GetProperty("movements").EnumerateArray());
        var newest = seen[0].GetProperty("at").GetDateTimeOffset();
        var (_, _, window) = await SendAsync(auditor.GetAsync($"{root}?from={Uri.EscapeDataString(newest.ToString("O"))}&to={Uri.EscapeDataString(newest.AddSeconds(1).ToString("O"))}", Ct));
        Assert.All(window.GetProperty("movements").EnumerateArray(), m => Assert.Equal(newest, m.GetProperty("at").GetDateTimeOffset()));
        Assert.NotEmpty(window.GetProperty("movements").EnumerateArray());
        foreach (var (query, field) in new[] { ("kind=transfer", "kind"), ("limit=0", "limit"), ("limit=201", "limit"), ("cursor=not-a-cursor", "cursor"), ("format=xml", "format"),
            ($"from={Uri.EscapeDataString(newest.ToString("O"))}&to={Uri.EscapeDataString(newest.ToString("O"))}", "to") })
        {
            var (status, code, problem) = await SendAsync(auditor.GetAsync($"{root}?{query}", Ct));
            Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (status, code));
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        Assert.Equal((HttpStatusCode.NotFound, "supply_item_unknown"), Pick(await SendAsync(auditor.GetAsync("/api/v1/halls/ledger-hall/sanitation/supplies/gloves/movements", Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(auditor.GetAsync("/api/v1/halls/no-such-hall/sanitation/supplies/masks/movements", Ct))));
    }

    [Fact]
    public async Task The_daily_masks_list_the_on_duty_staff_without_a_mask_first()
    {
        await fixture.AddHallAsync("duty-hall");
        await DefineAsync("duty-hall", "masks", lowThreshold: 0, coverDaysThreshold: 0, stock: 100);
        await DefineAsync("duty-hall", "gloves", lowThreshold: 0, coverDaysThreshold: 0, stock: 100);
        var at = fixture.Clock.GetUtcNow();
        PersonAdmitted Admitted(string kind, string? staffId) => new(Guid.NewGuid(), "duty-hall", "key-" + (staffId ?? "visitor"), kind, null, null, 1, at, staffId);
        await fixture.PublishAsync(Admitted("staff", "staff-b"));
        await fixture.PublishAsync(Admitted("staff", "staff-a"));
        await fixture.PublishAsync(Admitted("staff", "staff-a")); // a second check-in the same day
        await fixture.PublishAsync(Admitted("visitor", null));
        await fixture.PublishAsync(Admitted("staff", null)); // no health file: no staff id
        await Eventually.UntilAsync(
            () => fixture.System.QueryAsync<SanitationDbContext, int>(CivicHallSystem.Sanitation, db => db.StaffOnDuty.CountAsync(d => d.HallId == "duty-hall", Ct)),
            n => n == 2, because: "sanitation should learn who is on duty from PersonAdmitted");

        await IssueAsync("duty-hall", "masks", 2, "staff-b");
        await IssueAsync("duty-hall", "gloves", 1, "staff-a"); // gloves are not the mask
        await IssueAsync("duty-hall", "masks", 1, "staff-c"); // not screened in: not on the list

        using var leader = fixture.Client(Roles.DutyLeader);
        var (status, _, list) = await SendAsync(leader.GetAsync("/api/v1/halls/duty-hall/sanitation/supplies/daily-masks?date=2026-12-01", Ct));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((true, "masks", 2, 1), (list.GetProperty("required").GetBoolean(), list.GetProperty("maskItemId").GetString(), list.GetProperty("onDuty").GetInt32(), list.GetProperty("missing").GetInt32()));
        Assert.Equal(
            ["staff-a False 0", "staff-b True 2"],
            list.GetProperty("staff").EnumerateArray().Select(s => $"{s.GetProperty("staffId").GetString()} {s.GetProperty("received").GetBoolean()} {s.GetProperty("masksIssued").GetInt32()}"));
        var (_, _, today) = await SendAsync(leader.GetAsync("/api/v1/halls/duty-hall/sanitation/supplies/daily-masks", Ct));
        Assert.Equal(2, today.GetProperty("onDuty").GetInt32());
        var (_, _, yesterday) = await SendAsync(leader.GetAsync("/api/v1/halls/duty-hall/sanitation/supplies/daily-masks?date=2026-11-30", Ct));
        Assert.Equal(0, yesterday.GetProperty("onDuty").GetInt32());

        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), Pick(await SendAsync(leader.GetAsync("/api/v1/halls/duty-hall/sanitation/supplies/daily-masks?date=1999-12-01", Ct))));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await SendAsync(leader.GetAsync("/api/v1/halls/no-such-hall/sanitation/supplies/daily-masks", Ct))));
        using var staff = fixture.Client(Roles.SanitationStaff);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff.GetAsync("/api/v1/halls/duty-hall/sanitation/supplies/daily-masks", Ct))).Status);
        using var screener = fixture.Client(Roles.Screener);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(screener.GetAsync("/api/v1/halls/duty-hall/sanitation/supplies/daily-masks", Ct))).Status);
    }

    private static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, JsonElement Body) r) => (r.Status, r.Code);
}
