using CivicHall.Contracts.Screening.V1;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;
using CivicHall.Occupancy.Ledgers;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>
/// The admissions ledger (进出登记台账, issue 22 item 4) of a day built from known visits: people reach the door as
/// screening announces them, on the test's clock, and move, leave, queue and are turned away through the API. The
/// floor holds 3 (20 m² at 15 per 100 m²) and the day's quota is 7 visitors, so every state of a visit occurs. Read with
/// each filter, paged with small limits, and as CSV; every expected row is counted by hand from the story below.
/// </summary>
public sealed class LedgerAdmissionTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Hall = "ledger-adm";
    private const string OtherHall = "ledger-adm-other";
    private static readonly DateOnly Day = new(2026, 6, 10);
    private readonly FakeTimeProvider _clock = new(Local(Day.AddDays(-1), 23, 0));
    private readonly Dictionary<string, Guid> _visits = new(StringComparer.Ordinal);
    private CivicHallSystem _system = null!;
    private HttpClient _leader = null!;
    private HttpClient _screener = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Local(DateOnly day, int hour, int minute, int second = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute, second)), TimeSpan.FromHours(8)).ToUniversalTime();

    private static DateTimeOffset At(int hour, int minute) => Local(Day, hour, minute);

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, occupancyClock: _clock);
        await FloorSetup.AddHallAsync(_system, Hall, floorAreaM2: 20m, withMeetingRoom: true);
        await FloorSetup.AddHallAsync(_system, OtherHall);
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{Hall}/occupancy-policy", new { densityPer100M2 = 15m, dailyQuota = 7 }, Ct)).EnsureSuccessStatusCode();
        _leader = _system.Client(CivicHallSystem.Occupancy, Roles.DutyLeader);
        _screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        await LiveTheDayAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _screener.Dispose();
        await Teardown.DisposeAsync(_leader, _system);
    }

    /// <summary>
    /// The day (local times), floor-1 holding 3:
    /// v1 arrives the evening before (in) and leaves at 09:05; v2 at 00:00 (in), leaves at 09:30; staff s1 at 08:00; v3 at
    /// 09:00 (in, the floor full), moves to meeting-a at 09:10; courier c1 at 09:20; v4, v5 and v6 (elderly) at 10:00–10:02
    /// (in, full again); v7 and v8 at 10:05–10:06 (queued, tickets 1 and 2); v4 leaves at 10:20 and v7 is let in; v9 at 11:00
    /// is the 8th visitor of the day (turned away, quota_reached); courier c2 at 11:05; v10 at 00:00 the next day; and one
    /// visitor at the other hall at 10:02:30.
    /// </summary>
    private async Task LiveTheDayAsync()
    {
        await ArriveAsync(Hall, "v1", Local(Day.AddDays(-1), 23, 59, 30));
        await ArriveAsync(Hall, "v2", At(0, 0));
        await ArriveAsync(Hall, "s1", At(8, 0), kind: "staff");
        await ArriveAsync(Hall, "v3", At(9, 0));
        await ExitAsync("v1", At(9, 5), "east");
        await MoveAsync("v3", "meeting-a", At(9, 10));
        await ArriveAsync(Hall, "c1", At(9, 20), kind: "courier");
        await ExitAsync("v2", At(9, 30), "west");
        await ArriveAsync(Hall, "v4", At(10, 0));
        await ArriveAsync(Hall, "v5", At(10, 1));
        await ArriveAsync(Hall, "v6", At(10, 2), priority: "elderly");
        await ArriveAsync(OtherHall, "o1", At(10, 2).AddSeconds(30));
        await ArriveAsync(Hall, "v7", At(10, 5));
        await ArriveAsync(Hall, "v8", At(10, 6));
        var letIn = await ExitAsync("v4", At(10, 20), "east");
        Assert.Equal(1, letIn);
        await ArriveAsync(Hall, "v9", At(11, 0));
        await ArriveAsync(Hall, "c2", At(11, 5), kind: "courier");
        await ArriveAsync(Hall, "v10", Local(Day.AddDays(1), 0, 0));
    }

    private static string Key(string name) => FloorSetup.PersonKey(name.Aggregate(7, (h, c) => (h * 31) + c) & 0xFFFFF);

    private async Task ArriveAsync(string hall, string name, DateTimeOffset at, string kind = "visitor", string? priority = null)
    {
        _clock.SetUtcNow(at);
        var id = Guid.NewGuid();
        _visits[name] = id;
        await FloorSetup.PublishAsync(_system, new PersonAdmitted(id, hall, Key(name), kind, priority, "A1", 1, at));
        await Eventually.UntilAsync(
            () => _system.QueryAsync<OccupancyDbContext, bool>(CivicHallSystem.Occupancy, db => db.Admissions.AnyAsync(a => a.Id == id)),
            found => found, because: $"{name} should reach the door of {hall}");
    }

    private async Task<int> ExitAsync(string name, DateTimeOffset at, string gate)
    {
        _clock.SetUtcNow(at);
        using var response = await _screener.PostAsJsonAsync($"/api/v1/halls/{Hall}/exits", new { personKey = Key(name), gate }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("letIn").GetInt32();
    }

    private async Task MoveAsync(string name, string zone, DateTimeOffset at)
    {
        _clock.SetUtcNow(at);
        using var response = await _screener.PostAsJsonAsync($"/api/v1/halls/{Hall}/movements", new { personKey = Key(name), toZoneId = zone }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private Guid[] Ids(params string[] names) => [.. names.Select(n => _visits[n])];

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string query)
    {
        using var response = await _leader.GetAsync($"/api/v1/halls/{Hall}/ledgers/admissions?{query}", Ct);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).Clone());
    }

    /// <summary>Every page from the first on, following nextCursor; the admission ids in the order read.</summary>
    private async Task<List<Guid>> ReadAllAsync(string query, int limit = 200)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var (status, body) = await GetAsync($"{query}&limit={limit}" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, status);
            var rows = body.GetProperty("admissions").EnumerateArray().ToList();
            Assert.True(rows.Count <= limit);
            ids.AddRange(rows.Select(r => r.GetProperty("admissionId").GetGuid()));
            cursor = body.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                return ids;
            }
        }

        throw new InvalidOperationException("The ledger never gave a last page.");
    }

    private static readonly string[] TheDay = ["v2", "s1", "v3", "c1", "v4", "v5", "v6", "v7", "v8", "v9", "c2"];

    [Fact]
    public async Task The_day_is_the_hall_s_visits_that_arrived_on_its_local_day_per_filter()
    {
        var date = $"date={Day:yyyy-MM-dd}";
        Assert.Equal(Ids(TheDay), await ReadAllAsync(date));
        Assert.Equal(Ids("v2", "v4"), await ReadAllAsync($"{date}&state=exited"));
        Assert.Equal(Ids("s1", "v3", "c1", "v5", "v6", "v7", "c2"), await ReadAllAsync($"{date}&state=inside"));
        Assert.Equal(Ids("v8"), await ReadAllAsync($"{date}&state=queued"));
        Assert.Equal(Ids("v9"), await ReadAllAsync($"{date}&state=turned_away"));
        Assert.Equal(Ids("c1", "c2"), await ReadAllAsync($"{date}&personKind=courier"));
        Assert.Equal(Ids("s1"), await ReadAllAsync($"{date}&personKind=staff"));
        Assert.Empty(await ReadAllAsync($"{date}&personKind=agent"));
        Assert.Equal(Ids("v3"), await ReadAllAsync($"{date}&zoneId=meeting-a"));
        Assert.Equal(Ids("v2", "v3", "v4", "v5", "v6", "v7"), await ReadAllAsync($"{date}&zoneId=floor-1"));
        Assert.Equal(Ids("v3", "v5", "v6", "v7"), await ReadAllAsync($"{date}&zoneId=floor-1&state=inside&personKind=visitor"));
        Assert.Empty(await ReadAllAsync($"{date}&zoneId=isolation"));

        // A time range within the day (local 09:00 to 10:05, the end exclusive), and the same as instants alone.
        var instants = $"from={Uri.EscapeDataString(At(9, 0).ToString("O"))}&to={Uri.EscapeDataString(At(10, 5).ToString("O"))}";
        Assert.Equal(Ids("v3", "c1", "v4", "v5", "v6"), await ReadAllAsync($"{date}&{instants}"));
        Assert.Equal(Ids("v3", "c1", "v4", "v5", "v6"), await ReadAllAsync(instants));

        // The other hall's visit and the evening before and the next day are in their own windows.
        Assert.Equal(Ids("v1"), await ReadAllAsync($"date={Day.AddDays(-1):yyyy-MM-dd}"));
        Assert.Equal(Ids("v10"), await ReadAllAsync($"date={Day.AddDays(1):yyyy-MM-dd}"));
    }

    [Fact]
    public async Task A_row_gives_the_visit_s_times_in_and_out_and_every_zone_it_entered()
    {
        var (status, page) = await GetAsync($"date={Day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(At(0, 0), page.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(Local(Day.AddDays(1), 0, 0), page.GetProperty("to").GetDateTimeOffset());
        var rows = page.GetProperty("admissions").EnumerateArray().ToDictionary(r => r.GetProperty("admissionId").GetGuid());
        JsonElement Row(string name) => rows[_visits[name]];

        var v3 = Row("v3");
        Assert.Equal(Key("v3"), v3.GetProperty("personKey").GetString());
        Assert.Equal(("visitor", "inside", "meeting-a"), (v3.GetProperty("personKind").GetString(), v3.GetProperty("state").GetString(), v3.GetProperty("zoneId").GetString()));
        Assert.Equal(At(9, 0), v3.GetProperty("arrivedAt").GetDateTimeOffset());
        Assert.EndsWith("+00:00", v3.GetProperty("arrivedAt").GetString(), StringComparison.Ordinal);
        var zones = v3.GetProperty("zones").EnumerateArray().ToList();
        Assert.Equal(["floor-1", "meeting-a"], zones.Select(z => z.GetProperty("zoneId").GetString()));
        Assert.Equal([At(9, 0), At(9, 10)], zones.Select(z => z.GetProperty("enteredAt").GetDateTimeOffset()));
        Assert.Equal(At(9, 10), zones[0].GetProperty("leftAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, zones[1].GetProperty("leftAt").ValueKind);

        var v4 = Row("v4");
        Assert.Equal(("exited", "east"), (v4.GetProperty("state").GetString(), v4.GetProperty("exitGate").GetString()));
        Assert.Equal((At(10, 0), At(10, 20)), (v4.GetProperty("admittedAt").GetDateTimeOffset(), v4.GetProperty("exitedAt").GetDateTimeOffset()));

        // v7 queued with ticket 1 and let in by v4's exit; v8 still waits with ticket 2; v6 is the elderly one.
        var v7 = Row("v7");
        Assert.Equal((1, At(10, 5), At(10, 20)), (v7.GetProperty("ticket").GetInt32(), v7.GetProperty("arrivedAt").GetDateTimeOffset(), v7.GetProperty("admittedAt").GetDateTimeOffset()));
        Assert.Equal(("queued", 2, JsonValueKind.Null), (Row("v8").GetProperty("state").GetString(), Row("v8").GetProperty("ticket").GetInt32(), Row("v8").GetProperty("zoneId").ValueKind));
        Assert.Equal("elderly", Row("v6").GetProperty("priorityGroup").GetString());

        var v9 = Row("v9");
        Assert.Equal(("turned_away", "quota_reached"), (v9.GetProperty("state").GetString(), v9.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, v9.GetProperty("admittedAt").ValueKind);
        Assert.Empty(v9.GetProperty("zones").EnumerateArray());
        Assert.Equal(("staff", "inside"), (Row("s1").GetProperty("personKind").GetString(), Row("s1").GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Paging_with_small_limits_gives_every_row_once_in_order()
    {
        var date = $"date={Day:yyyy-MM-dd}";
        foreach (var limit in new[] { 1, 3, 4, 11 })
        {
            Assert.Equal(Ids(TheDay), await ReadAllAsync(date, limit));
        }

        Assert.Equal(Ids("v2", "v3", "v4", "v5", "v6", "v7"), await ReadAllAsync($"{date}&zoneId=floor-1", 2));
        var (_, last) = await GetAsync($"{date}&limit=11");
        Assert.Equal(JsonValueKind.Null, last.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task The_csv_holds_the_same_rows_as_the_pages()
    {
        foreach (var (query, expected) in new[] { ("", TheDay), ("&state=inside&personKind=visitor", ["v3", "v5", "v6", "v7"]) })
        {
            using var response = await _leader.GetAsync($"/api/v1/halls/{Hall}/ledgers/admissions?date={Day:yyyy-MM-dd}&format=csv{query}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var records = CsvText.Parse(await response.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal(AdmissionLedgerEndpoints.CsvHeader, records[0]);
            Assert.All(records, r => Assert.Equal(AdmissionLedgerEndpoints.CsvHeader.Length, r.Length));
            Assert.Equal(Ids(expected), records.Skip(1).Select(r => Guid.Parse(r[0])));
            Assert.Equal(expected.Select(Key), records.Skip(1).Select(r => r[3]));
        }

        using var all = await _leader.GetAsync($"/api/v1/halls/{Hall}/ledgers/admissions?date={Day:yyyy-MM-dd}&format=csv&zoneId=meeting-a", Ct);
        var v3 = CsvText.Parse(await all.Content.ReadAsByteArrayAsync(Ct))[1];
        Assert.Equal(At(9, 0), DateTimeOffset.Parse(v3[1], CultureInfo.InvariantCulture));
        Assert.Equal("inside", v3[5]);
        Assert.Equal("meeting-a", v3[12]);
        Assert.Equal("floor-1@2026-06-10T01:00:00Z/2026-06-10T01:10:00Z meeting-a@2026-06-10T01:10:00Z/", v3[13]);

        using var byAccept = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/halls/{Hall}/ledgers/admissions?date={Day:yyyy-MM-dd}");
        byAccept.Headers.Accept.ParseAdd("text/csv");
        using var accepted = await _leader.SendAsync(byAccept, Ct);
        Assert.Equal("text/csv", accepted.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TheDay.Length + 1, CsvText.Parse(await accepted.Content.ReadAsByteArrayAsync(Ct)).Count);
    }

    [Fact]
    public async Task Bad_filters_are_named_and_an_unknown_hall_is_hall_unknown()
    {
        async Task<string[]> Fields(string query)
        {
            var (status, body) = await GetAsync(query);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("validation_failed", body.GetProperty("code").GetString());
            return [.. body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["date"], await Fields("state=inside"));
        Assert.Equal(["to"], await Fields("from=2026-06-10T00:00:00Z"));
        Assert.Equal(["cursor", "format", "limit", "personKind", "state"],
            await Fields($"date={Day:yyyy-MM-dd}&state=gone&personKind=alien&limit=0&cursor=nope&format=xml"));

        // An id outside the id grammar is refused by the request guard every service shares, before the endpoint.
        Assert.Equal(["zoneId"], await Fields($"date={Day:yyyy-MM-dd}&zoneId=a%20b"));
        Assert.Equal(["limit"], await Fields($"date={Day:yyyy-MM-dd}&limit=201"));

        using var response = await _leader.GetAsync($"/api/v1/halls/no-such-hall/ledgers/admissions?date={Day:yyyy-MM-dd}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("hall_unknown", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await _screener.GetAsync($"/api/v1/halls/{Hall}/ledgers/admissions?date={Day:yyyy-MM-dd}", Ct)).StatusCode);
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync($"/api/v1/halls/{Hall}/ledgers/admissions?date={Day:yyyy-MM-dd}", Ct)).StatusCode);
    }
}
