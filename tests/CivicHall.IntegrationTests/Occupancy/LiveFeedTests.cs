using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>
/// The live feed (<c>GET …/occupancy/stream</c>): a snapshot, then every change of the hall in order.
/// The services listen on Kestrel (as behind the gateway), so the streams are read as a client reads them.
/// </summary>
public sealed class LiveFeedTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new(StringComparer.Ordinal)
    {
        ["Occupancy:LiveFeed:HeartbeatInterval"] = "00:00:01",
    };

    private CivicHallSystem _system = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _system = await CivicHallSystem.StartAsync(infrastructure, withGateway: true, extraSettings: Settings);

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    [Fact]
    public async Task Two_listeners_each_receive_a_snapshot_then_every_change_in_order_without_gaps_up_to_the_final_counts()
    {
        // 100 m² hold 15: twenty arrivals leave five in the door queue, and exits let them in.
        await FloorSetup.AddHallAsync(_system, "live", floorAreaM2: 100m);
        using var client = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        await using var first = await LiveListener.ConnectAsync(client, "live", Ct);
        await using var second = await LiveListener.ConnectAsync(client, "live", Ct);
        Assert.Equal("text/event-stream", first.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", first.Response.Headers.CacheControl?.ToString());
        Assert.Equal("no", first.Response.Headers.GetValues("X-Accel-Buffering").Single());

        var snapshots = new[] { await first.NextAsync(), await second.NextAsync() };
        Assert.All(snapshots, s => Assert.Equal("snapshot", s.Type));
        Assert.All(snapshots, s => Assert.Equal(s.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Id));
        Assert.All(snapshots, s => Assert.Equal(0, s.Json.GetProperty("inside").GetInt32()));

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => FloorSetup.PublishAsync(_system, FloorSetup.Admitted("live", i))));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "live"), n => n == 20, because: "all 20 should reach the door");
        var leaving = await _system.QueryAsync<OccupancyDbContext, List<string>>(CivicHallSystem.Occupancy, db =>
            db.Admissions.Where(a => a.HallId == "live" && a.State == AdmissionState.Inside).OrderBy(a => a.PersonKey).Take(10).Select(a => a.PersonKey).ToListAsync());
        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        var exits = await Task.WhenAll(leaving.Select(key => screener.PostAsJsonAsync("/api/v1/halls/live/exits", new { personKey = key }, Ct)));
        Assert.All(exits, e => Assert.Equal(HttpStatusCode.OK, e.StatusCode));

        var final = await FloorSetup.StateAsync(_system, "live");
        Assert.Equal((10, 0), (final.Inside, final.QueueLength)); // 15 in, 10 out, the 5 waiting let in
        var floorCount = await _system.QueryAsync<OccupancyDbContext, int>(
            CivicHallSystem.Occupancy, db => db.Zones.Where(z => z.HallId == "live" && z.ZoneId == "floor-1").Select(z => z.Count).SingleAsync());
        foreach (var (listener, snapshot) in new[] { (first, snapshots[0]), (second, snapshots[1]) })
        {
            var changes = await listener.UntilAsync(e => e.Sequence == final.Sequence);
            Assert.All(changes, c => Assert.Equal("change", c.Type));
            Assert.Equal(
                Enumerable.Range(1, (int)(final.Sequence - snapshot.Sequence)).Select(i => snapshot.Sequence + i),
                changes.Select(c => c.Sequence));
            Assert.All(changes, c => Assert.Equal(c.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Id));
            Assert.Equal(35, changes.Count); // 20 arrivals, 10 exits, 5 let in from the queue

            var last = changes[^1].Json;
            Assert.Equal("live", last.GetProperty("hallId").GetString());
            Assert.Equal(
                (final.Inside, final.Capacity, final.QueueLength),
                (last.GetProperty("inside").GetInt32(), last.GetProperty("capacity").GetInt32(), last.GetProperty("queueLength").GetInt32()));
            var lastFloor = changes.Select(c => c.Json.GetProperty("zones").EnumerateArray().Where(z => z.GetProperty("zoneId").GetString() == "floor-1").ToList())
                .Last(z => z.Count > 0).Single();
            Assert.Equal(floorCount, lastFloor.GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public async Task A_listener_joining_later_through_the_gateway_starts_from_a_snapshot_of_the_floor_then_follows_it()
    {
        await FloorSetup.AddHallAsync(_system, "late");
        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => FloorSetup.PublishAsync(_system, FloorSetup.Admitted("late", i))));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "late"), n => n == 6);
        var before = await FloorSetup.StateAsync(_system, "late");

        using var viaGateway = _system.Client(CivicHallSystem.Gateway, Roles.Citizen);
        await using var listener = await LiveListener.ConnectAsync(viaGateway, "late", Ct);
        var snapshot = await listener.NextAsync();
        Assert.Equal("snapshot", snapshot.Type);
        Assert.Equal(before.Sequence, snapshot.Sequence);
        var view = snapshot.Json;
        Assert.Equal((6, 150, 0), (view.GetProperty("inside").GetInt32(), view.GetProperty("capacity").GetInt32(), view.GetProperty("queueLength").GetInt32()));
        Assert.Equal(6, view.GetProperty("receivedToday").GetInt32());
        var floor = view.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zoneId").GetString() == "floor-1");
        Assert.Equal((6, "open"), (floor.GetProperty("count").GetInt32(), floor.GetProperty("state").GetString()));

        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        (await screener.PostAsJsonAsync("/api/v1/halls/late/exits", new { personKey = FloorSetup.PersonKey(1) }, Ct)).EnsureSuccessStatusCode();
        var change = await listener.NextAsync();
        Assert.Equal(("change", before.Sequence + 1), (change.Type, change.Sequence));
        Assert.Equal(5, change.Json.GetProperty("inside").GetInt32());

        // Nothing happens for a while: comments keep the stream (and the gateway's connection) alive.
        await Eventually.UntilAsync(() => Task.FromResult(listener.Comments), n => n >= 2, TimeSpan.FromSeconds(10), "heartbeats while idle");
        Assert.False(listener.Ended.IsCompleted);
    }

    [Fact]
    public async Task An_unknown_hall_is_404_hall_unknown_before_any_stream()
    {
        using var client = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        using var response = await client.GetAsync("/api/v1/halls/nowhere/occupancy/stream", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("hall_unknown", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());

        using var anonymous = _system.Client(CivicHallSystem.Occupancy);
        using var refused = await anonymous.GetAsync("/api/v1/halls/nowhere/occupancy/stream", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task When_the_feed_loses_its_database_connection_streams_end_and_a_reconnecting_client_gets_a_new_snapshot_and_the_changes_after_it()
    {
        await FloorSetup.AddHallAsync(_system, "lost");
        using var client = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        await using var listener = await LiveListener.ConnectAsync(client, "lost", Ct);
        Assert.Equal("snapshot", (await listener.NextAsync()).Type);

        var terminated = await _system.QueryAsync<OccupancyDbContext, List<bool>>(CivicHallSystem.Occupancy, db => db.Database.SqlQuery<bool>(
            $"""
            SELECT pg_terminate_backend(pid) AS "Value" FROM pg_stat_activity
            WHERE application_name = 'civichall-occupancy-feed' AND datname = current_database()
            """).ToListAsync());
        Assert.Equal([true], terminated);
        await listener.Ended.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        // Changes while the feed is down are not in any stream; the new snapshot holds them.
        await FloorSetup.PublishAsync(_system, FloorSetup.Admitted("lost", 1));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "lost"), n => n == 1);
        await using var again = await LiveListener.ConnectAsync(client, "lost", Ct);
        var snapshot = await again.NextAsync();
        Assert.Equal("snapshot", snapshot.Type);
        Assert.Equal(1, snapshot.Json.GetProperty("inside").GetInt32());

        await FloorSetup.PublishAsync(_system, FloorSetup.Admitted("lost", 2));
        var change = await again.NextAsync();
        Assert.Equal(("change", snapshot.Sequence + 1, 2), (change.Type, change.Sequence, change.Json.GetProperty("inside").GetInt32()));
    }
}
