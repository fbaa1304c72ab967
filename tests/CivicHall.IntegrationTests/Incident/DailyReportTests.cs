using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Incident.Data;
using CivicHall.Messaging.Outbox;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// The daily report (日报告) against real PostgreSQL and RabbitMQ, through the gateway: the four services' day summaries
/// published on the broker as they would publish them, plus cases opened in incident, make a report whose figures are
/// the hand-counted ones below; an idle hall's is a zero report; a late revision corrects it and says which section;
/// <c>DailyReportReady</c> goes out once per revision; the deadline publishes with the sources missing; the city-wide
/// view lists every hall with totals, paged; who may read it; bad input.
/// </summary>
public sealed class DailyReportTests(IncidentSystemFixture fixture) : IClassFixture<IncidentSystemFixture>
{
    private const string Zone = "Asia/Shanghai";

    // The fixture's clock starts at 2026-12-01 01:00 UTC, 09:00 in Shanghai: cases opened now fall on the local 1 December.
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ScreeningDayClosed Screening(string hallId, DateOnly date, int revision = 1, int admit = 110) => new(
        hallId, date, Zone, revision,
        new ScreeningOutcomeFigures(admit + 10, admit, 4, 3, 2, 1, 3),
        [new ScreeningRuleFigures("temperature_high", 4), new ScreeningRuleFigures("health_code_yellow", 2)],
        [
            new ScreeningPersonKindFigures("visitor", new ScreeningOutcomeFigures(admit + 10 - 20, admit - 20, 4, 3, 2, 1, 3)),
            new ScreeningPersonKindFigures("staff", new ScreeningOutcomeFigures(20, 20, 0, 0, 0, 0, 0)),
        ],
        DateTimeOffset.UtcNow);

    private static OccupancyDayClosed Occupancy(string hallId, DateOnly date) => new(
        hallId, date, Zone, 1, 96, 5, 38, new DateTimeOffset(2026, 12, 1, 10, 42, 0, TimeSpan.FromHours(8)), 14,
        new DateTimeOffset(2026, 12, 1, 9, 15, 0, TimeSpan.FromHours(8)), 95, DateTimeOffset.UtcNow);

    private static BookingDayClosed Booking(string hallId, DateOnly date) => new(
        hallId, date, Zone, 1, new BookingFigures(80, 70, 6, 4),
        [new BookingChannelFigures("app", new BookingFigures(50, 45, 3, 2)), new BookingChannelFigures("phone", new BookingFigures(30, 25, 3, 2))],
        DateTimeOffset.UtcNow);

    private static SanitationDayClosed Sanitation(string hallId, DateOnly date, int missed = 1) => new(
        hallId, date, Zone, [],
        new SanitationTaskFigures(12, 10, 1, missed, 0, 2, 90, 120), ["n95"], 2, DateTimeOffset.UtcNow);

    private static ScreeningDayClosed IdleScreening(string hallId, DateOnly date) =>
        new(hallId, date, Zone, 1, new ScreeningOutcomeFigures(0, 0, 0, 0, 0, 0, 0), [], [], DateTimeOffset.UtcNow);

    private async Task PublishIdleDayAsync(string hallId, DateOnly date)
    {
        await fixture.PublishAsync(IdleScreening(hallId, date), Guid.NewGuid());
        await fixture.PublishAsync(new OccupancyDayClosed(hallId, date, Zone, 1, 0, 0, 0, null, 0, null, 0, DateTimeOffset.UtcNow), Guid.NewGuid());
        await fixture.PublishAsync(new BookingDayClosed(hallId, date, Zone, 1, new BookingFigures(0, 0, 0, 0), [], DateTimeOffset.UtcNow), Guid.NewGuid());
        await fixture.PublishAsync(new SanitationDayClosed(hallId, date, Zone, [], new SanitationTaskFigures(0, 0, 0, 0, 0, 0, 0, 0), [], 0, DateTimeOffset.UtcNow), Guid.NewGuid());
    }

    private HttpClient Leader() => fixture.GatewayClient("leader-001", Roles.DutyLeader);

    private static async Task<(HttpStatusCode Status, string? Code, JsonElement Body)> GetAsync(HttpClient client, string uri)
    {
        using var response = await client.GetAsync(uri, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
        return (response.StatusCode, code, body);
    }

    private Task<JsonElement> ReportAsync(string hallId, DateOnly date) =>
        GetAsync(Leader(), $"/api/v1/reports/daily?date={date:yyyy-MM-dd}&hallId={hallId}").ContinueWith(t => t.Result.Body, TaskScheduler.Default);

    /// <summary>Waits until the hall's report for the date stands at <paramref name="revision"/> (0: pending with <paramref name="sourcesIn"/> sources in).</summary>
    private async Task<JsonElement> ReportAtAsync(string hallId, DateOnly date, int revision, int sourcesIn = 4) =>
        await Eventually.UntilAsync(
            () => ReportAsync(hallId, date),
            r => r.GetProperty("revision").GetInt32() == revision && r.GetProperty("sourcesIn").GetArrayLength() == sourcesIn,
            because: $"the report of {hallId} should reach revision {revision} with {sourcesIn} sources in");

    /// <summary>The <c>DailyReportReady</c> rows incident wrote to its outbox for the hall (the payload is jsonb: filtered here).</summary>
    private async Task<List<JsonElement>> ReadyEventsAsync(string hallId)
    {
        var type = typeof(DailyReportReady).FullName;
        var payloads = await fixture.System.QueryAsync<IncidentDbContext, List<string>>(
            CivicHallSystem.Incident, db => db.Set<OutboxMessage>().Where(m => m.MessageType == type).Select(m => m.Payload).ToListAsync(Ct));
        return [.. payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone())
            .Where(p => p.GetProperty("hallId").GetString() == hallId).OrderBy(p => p.GetProperty("revision").GetInt32())];
    }

    /// <summary>Waits until incident has consumed the message (its id claimed in the inbox).</summary>
    private Task<int> ConsumedAsync(Guid messageId) => Eventually.UntilAsync(
        () => fixture.System.QueryAsync<IncidentDbContext, int>(CivicHallSystem.Incident, db => db.Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE message_id = {messageId}").SingleAsync(Ct)),
        consumed => consumed == 1,
        because: "incident should consume the summary");

    private async Task OpenCaseAsync(string hallId, string kind)
    {
        var client = fixture.GatewayClient("leader-001", Roles.DutyLeader);
        using var response = await client.PostAsJsonAsync(
            "/api/v1/incidents", new { incidentId = Guid.NewGuid(), hallId, kind, zoneId = "floor-1", summary = "一名工作人员自述发热乏力" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_hall_day_from_known_summaries_and_cases_gives_the_hand_counted_figures_and_a_late_revision_corrects_it()
    {
        const string hall = "rep-known";
        await fixture.AddHallAsync(hall);
        await OpenCaseAsync(hall, "staff_symptoms");
        await OpenCaseAsync(hall, "abnormal_screening");
        await fixture.PublishAsync(Screening(hall, Today), Guid.NewGuid());
        await fixture.PublishAsync(Occupancy(hall, Today), Guid.NewGuid());
        await fixture.PublishAsync(Booking(hall, Today), Guid.NewGuid());

        // Three of four in: pending, nothing published, incident's own section counted live.
        var pending = await ReportAtAsync(hall, Today, 0, sourcesIn: 3);
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(["sanitation"], pending.GetProperty("missingSources").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(2, pending.GetProperty("figures").GetProperty("incidents").GetProperty("opened").GetInt32());
        Assert.Empty(await ReadyEventsAsync(hall));

        await fixture.PublishAsync(Sanitation(hall, Today), Guid.NewGuid());
        var ready = await ReportAtAsync(hall, Today, 1);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.False(ready.GetProperty("corrected").GetBoolean());
        Assert.False(ready.GetProperty("zeroReport").GetBoolean()); // one isolation, three health denials, two cases, one disinfection missed
        Assert.Empty(ready.GetProperty("missingSources").EnumerateArray());
        var f = ready.GetProperty("figures");
        var s = f.GetProperty("screening");
        Assert.Equal((120, 110, 4, 3, 2, 1, 3), (s.GetProperty("screenings").GetInt32(), s.GetProperty("admit").GetInt32(), s.GetProperty("deny").GetInt32(),
            s.GetProperty("retest").GetInt32(), s.GetProperty("manualCheck").GetInt32(), s.GetProperty("isolate").GetInt32(), s.GetProperty("deniedForHealth").GetInt32()));
        Assert.Equal(4, s.GetProperty("byRule").GetProperty("temperature_high").GetInt32());
        Assert.Equal(2, s.GetProperty("byRule").GetProperty("health_code_yellow").GetInt32());
        var o = f.GetProperty("occupancy");
        Assert.Equal((96, 5, 95, 38, 14), (o.GetProperty("admissions").GetInt32(), o.GetProperty("turnedAway").GetInt32(), o.GetProperty("exits").GetInt32(),
            o.GetProperty("peakInside").GetInt32(), o.GetProperty("peakQueue").GetInt32()));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 42, 0, TimeSpan.Zero), o.GetProperty("peakInsideAt").GetDateTimeOffset());
        var b = f.GetProperty("booking");
        Assert.Equal((80, 70, 6, 4), (b.GetProperty("booked").GetInt32(), b.GetProperty("served").GetInt32(), b.GetProperty("noShow").GetInt32(), b.GetProperty("cancelled").GetInt32()));
        Assert.Equal((50, 30), (b.GetProperty("bookedByChannel").GetProperty("app").GetInt32(), b.GetProperty("bookedByChannel").GetProperty("phone").GetInt32()));
        var d = f.GetProperty("sanitation");
        Assert.Equal((12, 10, 1, 1, 2), (d.GetProperty("planned").GetInt32(), d.GetProperty("doneOnTime").GetInt32(), d.GetProperty("late").GetInt32(),
            d.GetProperty("missed").GetInt32(), d.GetProperty("wasteBagsOpen").GetInt32()));
        Assert.Equal(["n95"], d.GetProperty("suppliesLow").EnumerateArray().Select(e => e.GetString()!));
        var i = f.GetProperty("incidents");
        Assert.Equal((2, 1, 1, 0, 0), (i.GetProperty("opened").GetInt32(), i.GetProperty("openedByKind").GetProperty("staff_symptoms").GetInt32(),
            i.GetProperty("openedByKind").GetProperty("abnormal_screening").GetInt32(), i.GetProperty("escalated").GetInt32(), i.GetProperty("closed").GetInt32()));

        var first = Assert.Single(await ReadyEventsAsync(hall));
        Assert.Equal(1, first.GetProperty("revision").GetInt32());
        Assert.False(first.GetProperty("zeroReport").GetBoolean());

        // The same summary again (a redelivery under another id): nothing changes, nothing more goes out.
        var again = Guid.NewGuid();
        await fixture.PublishAsync(Sanitation(hall, Today), again);
        await ConsumedAsync(again);
        Assert.Single(await ReadyEventsAsync(hall));
        // Screening recounts the day (a late reading admitted): revision 2 of the report, corrected, naming the screening section.
        await fixture.PublishAsync(Screening(hall, Today, revision: 2, admit: 111), Guid.NewGuid());
        var corrected = await ReportAtAsync(hall, Today, 2);
        Assert.True(corrected.GetProperty("corrected").GetBoolean());
        Assert.Equal(JsonValueKind.String, corrected.GetProperty("correctedAt").ValueKind);
        Assert.Equal(["screening"], corrected.GetProperty("changedSections").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(121, corrected.GetProperty("figures").GetProperty("screening").GetProperty("screenings").GetInt32());

        // An older revision arriving late changes nothing.
        var older = Guid.NewGuid();
        await fixture.PublishAsync(Screening(hall, Today, revision: 1), older);
        await ConsumedAsync(older);
        var events = await ReadyEventsAsync(hall);
        Assert.Equal([1, 2], events.Select(e => e.GetProperty("revision").GetInt32()));
        Assert.True(events[1].GetProperty("corrected").GetBoolean());
        Assert.Equal(121, (await ReportAsync(hall, Today)).GetProperty("figures").GetProperty("screening").GetProperty("screenings").GetInt32());
    }

    [Fact]
    public async Task An_idle_hall_gets_a_zero_report()
    {
        const string hall = "rep-idle";
        await fixture.AddHallAsync(hall);
        await PublishIdleDayAsync(hall, Today);

        var report = await ReportAtAsync(hall, Today, 1);
        Assert.True(report.GetProperty("zeroReport").GetBoolean());
        Assert.Equal(0, report.GetProperty("figures").GetProperty("incidents").GetProperty("opened").GetInt32());
        var evt = Assert.Single(await ReadyEventsAsync(hall));
        Assert.True(evt.GetProperty("zeroReport").GetBoolean());
        Assert.Empty(evt.GetProperty("missingSources").EnumerateArray());
    }

    [Fact]
    public async Task At_the_deadline_a_report_goes_out_naming_the_missing_sources_and_a_late_summary_corrects_it()
    {
        const string hall = "rep-late";
        var yesterday = Today.AddDays(-1); // its deadline, local 02:00 on 1 December, is past on the fixture's clock
        await fixture.AddHallAsync(hall);
        await fixture.PublishAsync(Occupancy(hall, yesterday), Guid.NewGuid());
        await ReportAtAsync(hall, yesterday, 0, sourcesIn: 1);

        Assert.True(await fixture.ReportSweepAsync() >= 1);
        var report = await ReportAtAsync(hall, yesterday, 1, sourcesIn: 1);
        Assert.Equal(["screening", "booking", "sanitation"], report.GetProperty("missingSources").EnumerateArray().Select(e => e.GetString()!));
        Assert.False(report.GetProperty("zeroReport").GetBoolean());
        Assert.Equal(0, await fixture.ReportSweepAsync());

        await fixture.PublishAsync(Sanitation(hall, yesterday, missed: 0), Guid.NewGuid());
        var corrected = await ReportAtAsync(hall, yesterday, 2, sourcesIn: 2);
        Assert.True(corrected.GetProperty("corrected").GetBoolean());
        Assert.Equal(["sanitation"], corrected.GetProperty("changedSections").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["screening", "booking"], corrected.GetProperty("missingSources").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal([1, 2], (await ReadyEventsAsync(hall)).Select(e => e.GetProperty("revision").GetInt32()));
    }

    [Fact]
    public async Task The_city_wide_view_lists_every_hall_with_totals_page_by_page_and_as_csv()
    {
        var date = new DateOnly(2026, 11, 20);
        await fixture.AddHallAsync("rep-city-a");
        await fixture.AddHallAsync("rep-city-b");
        await fixture.AddHallAsync("rep-city-c");
        foreach (var hall in new[] { "rep-city-a", "rep-city-b" })
        {
            await fixture.PublishAsync(Screening(hall, date), Guid.NewGuid());
            await fixture.PublishAsync(Occupancy(hall, date), Guid.NewGuid());
            await fixture.PublishAsync(Booking(hall, date), Guid.NewGuid());
            await fixture.PublishAsync(Sanitation(hall, date), Guid.NewGuid());
            await ReportAtAsync(hall, date, 1);
        }

        var (status, _, city) = await GetAsync(Leader(), $"/api/v1/reports/daily?date={date:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, status);
        var totals = city.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("ready").GetInt32());
        Assert.Equal(240, totals.GetProperty("screenings").GetInt32());
        Assert.Equal(192, totals.GetProperty("admissions").GetInt32());
        Assert.Equal(160, totals.GetProperty("booked").GetInt32());
        Assert.Equal(totals.GetProperty("halls").GetInt32() - 2, totals.GetProperty("pending").GetInt32());
        var halls = city.GetProperty("halls").EnumerateArray().ToDictionary(h => h.GetProperty("hallId").GetString()!, h => h.GetProperty("status").GetString());
        Assert.Equal("ready", halls["rep-city-a"]);
        Assert.Equal("pending", halls["rep-city-c"]);

        // One hall a page: every hall once, in hallId order.
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var (_, _, page) = await GetAsync(Leader(), $"/api/v1/reports/daily?date={date:yyyy-MM-dd}&limit=1" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("halls").EnumerateArray().Select(h => h.GetProperty("hallId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(halls.Keys.Order(StringComparer.Ordinal), seen);

        using var ops = fixture.GatewayClient("ops-001", Roles.Ops);
        using var csv = await ops.GetAsync($"/api/v1/reports/daily?date={date:yyyy-MM-dd}&format=csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("hall_id,date,status,revision", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("rep-city-a,2026-11-20,ready,1,", StringComparison.Ordinal));
        Assert.StartsWith("total,2026-11-20,", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_may_read_it_and_bad_input()
    {
        await fixture.AddHallAsync("rep-input");
        var uri = $"/api/v1/reports/daily?date={Today:yyyy-MM-dd}&hallId=rep-input";
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(fixture.GatewayClient("ops-001", Roles.Ops), uri)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(fixture.GatewayClient("screener-001", Roles.Screener), uri)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(fixture.System[CivicHallSystem.Gateway].CreateClient(), uri)).Status);

        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), Pick(await GetAsync(Leader(), $"/api/v1/reports/daily?date={Today:yyyy-MM-dd}&hallId=rep-nowhere")));
        foreach (var bad in new[] { "", "?date=2026-13-01", "?date=yesterday", "?date=1999-12-31", $"?date={Today:yyyy-MM-dd}&hallId=bad%20hall",
            $"?date={Today:yyyy-MM-dd}&limit=0", $"?date={Today:yyyy-MM-dd}&cursor=!!", $"?date={Today:yyyy-MM-dd}&format=xml" })
        {
            var (status, code, _) = await GetAsync(Leader(), "/api/v1/reports/daily" + bad);
            Assert.True(status == HttpStatusCode.BadRequest && code is not null, $"{bad}: {status} {code}");
        }
    }

    private static (HttpStatusCode, string?) Pick((HttpStatusCode Status, string? Code, JsonElement Body) r) => (r.Status, r.Code);
}
