using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Occupancy;
using CivicHall.IntegrationTests.Screening;

namespace CivicHall.IntegrationTests.Halls;

/// <summary>
/// API convention "Lists that grow" and "Versioned policies" for booking, screening and occupancy: each list read
/// two at a time visits every row exactly once, in the order it states; a cursor it did not give is 400
/// <c>validation_failed</c> naming <c>cursor</c>; a policy's versions are listed newest first. One system for the
/// class, a hall of its own per test.
/// </summary>
public sealed class PagedListTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;
    private HttpClient _ops = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure);
        _ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_ops, _system);

    [Fact]
    public async Task The_hall_list_pages_by_hall_id()
    {
        string[] ids = ["pg-c", "pg-a", "pg-e", "pg-b", "pg-d", "pg-A"];
        foreach (var id in ids)
        {
            (await _ops.PutAsJsonAsync($"/api/v1/halls/{id}", HallRequests.Qingpu(), Ct)).EnsureSuccessStatusCode();
        }

        using var citizen = _system.Client(CivicHallSystem.Occupancy, Roles.Citizen);
        var (halls, pages) = await Pages.AllAsync(citizen, "/api/v1/halls", "halls", 2, Ct);
        var read = halls.Select(h => h.GetProperty("hallId").GetString()!).ToList();
        Assert.Equal([.. read.Order(StringComparer.Ordinal)], read); // by hallId, ordinal ("pg-A" before "pg-a")
        Assert.Equal(read.Count, read.Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(read.ToHashSet(StringComparer.Ordinal), ids.ToHashSet(StringComparer.Ordinal));
        Assert.Equal((read.Count + 1) / 2, pages);

        await AssertBadCursorAsync(citizen, "/api/v1/halls");
    }

    [Fact]
    public async Task A_halls_items_page_by_window_group_then_id()
    {
        const string Hall = "pg-items";
        await BookingSetup.AddHallAsync(_system, Hall);
        using var booking = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        foreach (var (item, group) in new[] { ("tax", "b"), ("pension", "a"), ("license", "b"), ("id-card", "a"), ("Visa", "a") })
        {
            (await booking.PutAsJsonAsync($"/api/v1/halls/{Hall}/service-items/{item}", BookingSetup.Item(group: group), Ct)).EnsureSuccessStatusCode();
        }

        var (items, pages) = await Pages.AllAsync(booking, $"/api/v1/halls/{Hall}/service-items", "items", 2, Ct);
        Assert.Equal(["Visa", "id-card", "pension", "license", "tax"], items.Select(i => i.GetProperty("itemId").GetString()));
        Assert.Equal(3, pages);
        await AssertBadCursorAsync(booking, $"/api/v1/halls/{Hall}/service-items");

        // An unknown item of a known hall, in either language.
        var chinese = await booking.GetAsync($"/api/v1/halls/{Hall}/service-items/nothing", Ct);
        Assert.Equal(HttpStatusCode.NotFound, chinese.StatusCode);
        Assert.Equal($"大厅“{Hall}”没有事项“nothing”。", (await chinese.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        using var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/halls/{Hall}/service-items/nothing");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var answer = await (await booking.SendAsync(english, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("item_unknown", $"Hall '{Hall}' has no item 'nothing'."), (answer.GetProperty("code").GetString(), answer.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_door_queue_pages_in_the_order_people_are_let_in()
    {
        const string Hall = "pg-queue";
        await FloorSetup.AddHallAsync(_system, Hall, floorAreaM2: 10m); // room for one
        for (var person = 1; person <= 6; person++)
        {
            await FloorSetup.PublishAsync(_system, FloorSetup.Admitted(Hall, person, priority: person == 5 ? "elderly" : null));
            await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, Hall), n => n == person); // in this order
        }

        var state = await FloorSetup.StateAsync(_system, Hall);
        Assert.Equal((1, 5), (state.Inside, state.QueueLength));
        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        var (entries, pages) = await Pages.AllAsync(screener, $"/api/v1/halls/{Hall}/queue", "entries", 2, Ct);
        Assert.Equal([1, 2, 3, 4, 5], entries.Select(e => e.GetProperty("position").GetInt32()));
        Assert.Equal("elderly", entries[0].GetProperty("priorityGroup").GetString()); // priority first, then by arrival
        Assert.Equal(5, entries.Select(e => e.GetProperty("admissionId").GetGuid()).Distinct().Count());
        Assert.Equal(3, pages);
        await AssertBadCursorAsync(screener, $"/api/v1/halls/{Hall}/queue");
    }

    [Fact]
    public async Task A_zones_occupants_page_longest_there_first()
    {
        const string Hall = "pg-floor";
        await FloorSetup.AddHallAsync(_system, Hall);
        for (var person = 1; person <= 5; person++)
        {
            await FloorSetup.PublishAsync(_system, FloorSetup.Admitted(Hall, person));
            await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, Hall), n => n == person);
        }

        using var leader = _system.Client(CivicHallSystem.Occupancy, Roles.DutyLeader);
        var (occupants, pages) = await Pages.AllAsync(leader, $"/api/v1/halls/{Hall}/zones/floor-1/occupants", "occupants", 2, Ct);
        Assert.Equal([.. Enumerable.Range(1, 5).Select(FloorSetup.PersonKey)], occupants.Select(o => o.GetProperty("personKey").GetString()));
        var since = occupants.Select(o => o.GetProperty("since").GetDateTimeOffset()).ToList();
        Assert.Equal([.. since.Order()], since);
        Assert.All(occupants, o => Assert.EndsWith("+00:00", o.GetProperty("since").GetString(), StringComparison.Ordinal));
        Assert.Equal(3, pages);
        await AssertBadCursorAsync(leader, $"/api/v1/halls/{Hall}/zones/floor-1/occupants");

        var zone = await leader.GetAsync($"/api/v1/halls/{Hall}/zones/nowhere/occupants", Ct);
        Assert.Equal("zone_unknown", (await zone.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Each_policy_lists_its_versions_newest_first()
    {
        const string Hall = "pg-policies";
        await BookingSetup.AddHallAsync(_system, Hall);
        await ScreeningSetup.WaitUntilKnownAsync(_system, Hall);
        var policies = new (string Host, string Resource, object Body)[]
        {
            (CivicHallSystem.Booking, "booking-policy", BookingSetup.Policy()),
            (CivicHallSystem.Screening, "screening-policy", new { }),
            (CivicHallSystem.Occupancy, "occupancy-policy", new { dailyQuota = 100 }),
        };
        foreach (var (host, resource, body) in policies)
        {
            using var ops = _system.Client(host, Roles.Ops);
            for (var i = 0; i < 3; i++)
            {
                (await ops.PutAsJsonAsync($"/api/v1/halls/{Hall}/{resource}", body, Ct)).EnsureSuccessStatusCode();
            }

            using var citizen = _system.Client(host, Roles.Citizen);
            var (versions, pages) = await Pages.AllAsync(citizen, $"/api/v1/halls/{Hall}/{resource}/versions", "versions", 2, Ct);
            Assert.Equal([3, 2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
            Assert.Equal(2, pages);
            await AssertBadCursorAsync(citizen, $"/api/v1/halls/{Hall}/{resource}/versions");

            var unknown = await citizen.GetAsync($"/api/v1/halls/pg-nowhere/{resource}/versions", Ct);
            Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), (unknown.StatusCode, (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()));
        }
    }

    private static async Task AssertBadCursorAsync(HttpClient client, string path)
    {
        foreach (var cursor in new[] { "garbage!", "AAAA", "v0" })
        {
            var response = await client.GetAsync($"{path}?cursor={Uri.EscapeDataString(cursor)}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _), $"{path}: {problem}");
        }

        var limit = await client.GetAsync($"{path}?limit=201", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
    }
}
