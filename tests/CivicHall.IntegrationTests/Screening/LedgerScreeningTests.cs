using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Halls;
using CivicHall.Screening.Ledgers;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Screening;

/// <summary>
/// The screening ledger (登记台账, issue 22 item 4) of a day built from 30 readings sent through the API with a known
/// mix — outcomes, person kinds, lanes, readings just before and after the day and at another hall — read with each
/// filter, paged with small limits, and as CSV. The clock is the test's: readings are sent in time order, each just
/// after it was taken.
/// </summary>
public sealed class LedgerScreeningTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Hall = "ledger-scr";
    private const string OtherHall = "ledger-scr-other";
    private static readonly DateOnly Day = new(2026, 6, 10);
    private readonly FakeTimeProvider _clock = new(Local(Day.AddDays(-1), 20, 0));
    private readonly List<Sent> _sent = [];
    private CivicHallSystem _system = null!;
    private HttpClient _leader = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Sent(Guid Id, string HallId, DateTimeOffset TakenAt, string Kind, string Outcome, string Lane, string IdNumber);

    private static DateTimeOffset Local(DateOnly day, int hour, int minute, int second = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute, second)), TimeSpan.FromHours(8)).ToUniversalTime();

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, screeningClock: _clock);
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        using var screeningOps = _system.Client(CivicHallSystem.Screening, Roles.Ops);
        foreach (var hall in new[] { Hall, OtherHall })
        {
            (await ops.PutAsJsonAsync($"/api/v1/halls/{hall}", HallRequests.Qingpu(), Ct)).EnsureSuccessStatusCode();
            await ScreeningSetup.WaitUntilKnownAsync(_system, hall);
            (await screeningOps.PutAsJsonAsync($"/api/v1/halls/{hall}/screening-policy", new { bookingRequired = false }, Ct)).EnsureSuccessStatusCode();
        }

        _leader = _system.Client(CivicHallSystem.Screening, Roles.DutyLeader);
        await SendDayAsync();
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_leader, _system);

    /// <summary>
    /// 24 readings at the hall on the day (13 admit, 4 deny, 3 retest, 4 isolate; 18 visitors, 6 couriers; lanes A1 and A2),
    /// one at 23:59:30 the day before and one at 00:00 the day after, and 4 at the other hall on the day.
    /// </summary>
    private async Task SendDayAsync()
    {
        string[] outcomes = ["admit", "admit", "deny", "admit", "retest", "isolate", "admit", "deny", "admit", "admit", "isolate", "retest",
            "admit", "deny", "admit", "isolate", "admit", "admit", "retest", "deny", "admit", "isolate", "admit", "admit"];
        var readings = new List<(string Hall, DateTimeOffset At, string Kind, string Outcome, string Lane)>
        {
            (Hall, Local(Day.AddDays(-1), 23, 59, 30), "visitor", "admit", "A1"),
        };
        for (var i = 0; i < outcomes.Length; i++)
        {
            // The first at the day's first instant, the last in its last minute, the rest through the opening hours.
            var at = i == 0 ? Local(Day, 0, 0) : i == outcomes.Length - 1 ? Local(Day, 23, 59, 10) : Local(Day, 9, 0).AddMinutes(17 * i);
            var kind = i % 4 == 1 && outcomes[i] is "admit" or "isolate" ? "courier" : "visitor";
            readings.Add((Hall, at, kind, outcomes[i], i % 3 == 0 ? "A2" : "A1"));
            if (i % 6 == 2)
            {
                readings.Add((OtherHall, at.AddSeconds(30), "visitor", "admit", "A1"));
            }
        }

        readings.Add((Hall, Local(Day.AddDays(1), 0, 0), "visitor", "admit", "A1"));
        var person = 1000;
        foreach (var (hall, at, kind, outcome, lane) in readings.OrderBy(r => r.At))
        {
            _clock.SetUtcNow(at.AddSeconds(1));
            var idNumber = TestPeople.IdNumber(++person);
            var body = new
            {
                hallId = hall,
                personKind = kind,
                person = new { idNumber, name = $"台账{person}", address = "上海市青浦区公园路100号", phone = "13800001234" },
                healthCode = outcome == "isolate" ? "red" : "green",
                testAt = at.AddHours(-24),
                testResult = "negative",
                temperatureC = outcome == "retest" ? 37.4m : 36.6m,
                mask = outcome != "deny",
                lane,
                deviceId = "sentinel-01",
                takenAt = at,
            };
            using var response = await _leader.PostAsJsonAsync("/api/v1/screenings", body, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var decision = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(outcome, decision.GetProperty("outcome").GetString());
            _sent.Add(new(decision.GetProperty("screeningId").GetGuid(), hall, at, kind, outcome, lane, idNumber));
        }
    }

    private List<Sent> OnTheDay(Func<Sent, bool>? filter = null) =>
        [.. _sent.Where(s => s.HallId == Hall && s.TakenAt >= Local(Day, 0, 0) && s.TakenAt < Local(Day.AddDays(1), 0, 0) && (filter?.Invoke(s) ?? true)).OrderBy(s => s.TakenAt)];

    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> GetAsync(string query)
    {
        using var response = await _leader.GetAsync($"/api/v1/halls/{Hall}/ledgers/screenings?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    /// <summary>Every page from the first on, following nextCursor; the screening ids in the order read.</summary>
    private async Task<List<Guid>> ReadAllAsync(string query, int limit)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var (status, body, text) = await GetAsync($"{query}&limit={limit}" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, status);
            CsvText.AssertNoClearIdNumber(text, "a ledger page");
            var rows = body.GetProperty("screenings").EnumerateArray().ToList();
            Assert.True(rows.Count <= limit);
            ids.AddRange(rows.Select(r => r.GetProperty("screeningId").GetGuid()));
            cursor = body.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                return ids;
            }
        }

        throw new InvalidOperationException("The ledger never gave a last page.");
    }

    [Fact]
    public async Task The_day_is_the_hall_s_readings_of_its_local_day_per_filter()
    {
        Assert.Equal(24, OnTheDay().Count);
        Assert.Equal((13, 4, 3, 4), (OnTheDay(s => s.Outcome == "admit").Count, OnTheDay(s => s.Outcome == "deny").Count,
            OnTheDay(s => s.Outcome == "retest").Count, OnTheDay(s => s.Outcome == "isolate").Count));
        var date = $"date={Day:yyyy-MM-dd}";
        Assert.Equal(OnTheDay().Select(s => s.Id), await ReadAllAsync(date, 200));
        foreach (var outcome in new[] { "admit", "deny", "retest", "isolate", "manual_check" })
        {
            Assert.Equal(OnTheDay(s => s.Outcome == outcome).Select(s => s.Id), await ReadAllAsync($"{date}&outcome={outcome}", 200));
        }

        Assert.Equal(OnTheDay(s => s.Kind == "courier").Select(s => s.Id), await ReadAllAsync($"{date}&personKind=courier", 200));
        Assert.Equal(OnTheDay(s => s.Lane == "A2").Select(s => s.Id), await ReadAllAsync($"{date}&lane=A2", 200));
        Assert.Equal(
            OnTheDay(s => s.Kind == "visitor" && s.Outcome == "isolate" && s.Lane == "A1").Select(s => s.Id),
            await ReadAllAsync($"{date}&personKind=visitor&outcome=isolate&lane=A1", 200));

        // A time range within the day (local 10:00 to 12:00), and the same as instants alone.
        var from = Local(Day, 10, 0);
        var to = Local(Day, 12, 0);
        var range = OnTheDay(s => s.TakenAt >= from && s.TakenAt < to).Select(s => s.Id).ToList();
        Assert.NotEmpty(range);
        var instants = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        Assert.Equal(range, await ReadAllAsync($"{date}&{instants}", 200));
        Assert.Equal(range, await ReadAllAsync(instants, 200));

        // One row in full: masked, the instant in UTC, the rules behind the outcome.
        var (_, page, text) = await GetAsync($"{date}&outcome=isolate&limit=1");
        var row = page.GetProperty("screenings")[0];
        var sent = OnTheDay(s => s.Outcome == "isolate")[0];
        Assert.Equal(sent.Id, row.GetProperty("screeningId").GetGuid());
        Assert.Equal(sent.TakenAt, row.GetProperty("takenAt").GetDateTimeOffset());
        Assert.EndsWith("+00:00", row.GetProperty("takenAt").GetString(), StringComparison.Ordinal);
        Assert.Equal("990***********" + sent.IdNumber[^4..], row.GetProperty("idNumberMasked").GetString());
        Assert.Equal("台*****", row.GetProperty("nameMasked").GetString());
        Assert.True(row.GetProperty("addressGiven").GetBoolean());
        Assert.True(row.GetProperty("phoneGiven").GetBoolean());
        Assert.Contains("health_code.red", row.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        Assert.EndsWith("duty_leader", row.GetProperty("recordedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal(Local(Day, 0, 0), page.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(Local(Day.AddDays(1), 0, 0), page.GetProperty("to").GetDateTimeOffset());
        TestPeople.AssertNotIn(sent.IdNumber, text, "a ledger page");
        Assert.DoesNotContain("13800001234", text, StringComparison.Ordinal);
        Assert.DoesNotContain("公园路", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_with_small_limits_gives_every_row_once_in_order()
    {
        var date = $"date={Day:yyyy-MM-dd}";
        foreach (var limit in new[] { 1, 4, 7, 24 })
        {
            Assert.Equal(OnTheDay().Select(s => s.Id), await ReadAllAsync(date, limit));
        }

        Assert.Equal(OnTheDay(s => s.Outcome == "admit").Select(s => s.Id), await ReadAllAsync($"{date}&outcome=admit", 3));
        var (_, last, _) = await GetAsync($"{date}&limit=24");
        Assert.Equal(JsonValueKind.Null, last.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task The_csv_holds_the_same_rows_masked_and_opens_as_a_spreadsheet_would()
    {
        foreach (var (query, expected) in new[] { ("", OnTheDay()), ("&outcome=deny", OnTheDay(s => s.Outcome == "deny")) })
        {
            using var response = await _leader.GetAsync($"/api/v1/halls/{Hall}/ledgers/screenings?date={Day:yyyy-MM-dd}&format=csv{query}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
            var text = Encoding.UTF8.GetString(bytes);
            CsvText.AssertNoClearIdNumber(text, "the ledger CSV");
            foreach (var sent in _sent)
            {
                TestPeople.AssertNotIn(sent.IdNumber, text, "the ledger CSV");
            }

            var records = CsvText.Parse(bytes);
            Assert.Equal(ScreeningLedgerEndpoints.CsvHeader, records[0]);
            Assert.All(records, r => Assert.Equal(ScreeningLedgerEndpoints.CsvHeader.Length, r.Length));
            Assert.Equal(expected.Select(s => s.Id), records.Skip(1).Select(r => Guid.Parse(r[0])));
            Assert.Equal(expected.Select(s => s.TakenAt), records.Skip(1).Select(r => DateTimeOffset.Parse(r[1], CultureInfo.InvariantCulture)));
            Assert.Equal(expected.Select(s => s.Outcome), records.Skip(1).Select(r => r[13]));
            Assert.Equal(expected.Select(s => "990***********" + s.IdNumber[^4..]), records.Skip(1).Select(r => r[4]));
        }

        using var byAccept = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/halls/{Hall}/ledgers/screenings?date={Day:yyyy-MM-dd}");
        byAccept.Headers.Accept.ParseAdd("text/csv");
        using var accepted = await _leader.SendAsync(byAccept, Ct);
        Assert.Equal("text/csv", accepted.Content.Headers.ContentType!.MediaType);
        Assert.Equal(OnTheDay().Count + 1, CsvText.Parse(await accepted.Content.ReadAsByteArrayAsync(Ct)).Count);
    }

    [Fact]
    public async Task Bad_filters_are_named_and_an_unknown_hall_is_hall_unknown()
    {
        async Task<string[]> Fields(string query)
        {
            var (status, body, _) = await GetAsync(query);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("validation_failed", body.GetProperty("code").GetString());
            return [.. body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["date"], await Fields("outcome=admit"));
        Assert.Equal(["date"], await Fields("date=2026-13-40"));
        Assert.Equal(["date"], await Fields("date=1999-12-31"));
        Assert.Equal(["to"], await Fields("from=2026-06-10T00:00:00Z"));
        Assert.Equal(["to"], await Fields("from=2026-06-10T00:00:00Z&to=2026-06-09T00:00:00Z"));
        Assert.Equal(["to"], await Fields("from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"));
        Assert.Equal(["cursor", "format", "lane", "limit", "outcome", "personKind"],
            await Fields($"date={Day:yyyy-MM-dd}&outcome=maybe&personKind=alien&lane=a%20b&limit=0&cursor=nope&format=xml"));
        Assert.Equal(["limit"], await Fields($"date={Day:yyyy-MM-dd}&limit=201"));

        using var response = await _leader.GetAsync($"/api/v1/halls/no-such-hall/ledgers/screenings?date={Day:yyyy-MM-dd}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("hall_unknown", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());

        using var screener = _system.Client(CivicHallSystem.Screening, Roles.Screener);
        Assert.Equal(HttpStatusCode.Forbidden, (await screener.GetAsync($"/api/v1/halls/{Hall}/ledgers/screenings?date={Day:yyyy-MM-dd}", Ct)).StatusCode);
        using var ops = _system.Client(CivicHallSystem.Screening, Roles.Ops);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync($"/api/v1/halls/{Hall}/ledgers/screenings?date={Day:yyyy-MM-dd}", Ct)).StatusCode);
    }
}
