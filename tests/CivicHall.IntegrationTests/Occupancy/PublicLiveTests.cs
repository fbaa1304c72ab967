using CivicHall.Occupancy.Data;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>
/// The public live view (实时人流) through the gateway, without a token: a hall's totals and queue, never a
/// zone or a person, cached briefly, and a live stream that folds a burst of changes into a few events.
/// </summary>
public sealed class PublicLiveTests(GatewaySystemFixture fixture) : IClassFixture<GatewaySystemFixture>
{
    private static readonly string[] PublicFields = ["hallId", "sequence", "onSiteState", "inside", "capacity", "queueLength", "at"];

    private readonly CivicHallSystem _system = fixture.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anyone_reads_a_halls_totals_and_queue_and_nothing_else()
    {
        await FloorSetup.AddHallAsync(_system, "pub-totals", floorAreaM2: 100m);
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var empty = await anonymous.GetAsync("/api/v1/public/halls/pub-totals/live", Ct);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("public, max-age=2", empty.Headers.CacheControl?.ToString());
        var before = await empty.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(PublicFields.Order(StringComparer.Ordinal), before.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, before.GetProperty("inside").GetInt32());

        // 100 m² hold 15: eighteen arrivals leave three at the door.
        await Task.WhenAll(Enumerable.Range(1, 18).Select(i => FloorSetup.PublishAsync(_system, FloorSetup.Admitted("pub-totals", i))));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "pub-totals"), n => n == 18);
        var floor = await FloorSetup.StateAsync(_system, "pub-totals");

        var after = await Eventually.UntilAsync(
            async () => await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/halls/pub-totals/live", Ct),
            live => live.GetProperty("sequence").GetInt64() == floor.Sequence,
            because: "the public view follows the floor's changes");
        Assert.Equal((15, 15, 3), (after.GetProperty("inside").GetInt32(), after.GetProperty("capacity").GetInt32(), after.GetProperty("queueLength").GetInt32()));
        Assert.EndsWith("+00:00", after.GetProperty("at").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pk_", after.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_hall_is_hall_unknown_for_anyone()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        foreach (var path in new[] { "/api/v1/public/halls/pub-nowhere/live", "/api/v1/public/halls/pub-nowhere/live/stream" })
        {
            var response = await anonymous.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("hall_unknown", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Every_screen_gets_the_totals_then_their_changes_folded_into_at_most_one_event_a_second()
    {
        await FloorSetup.AddHallAsync(_system, "pub-stream", floorAreaM2: 100m);
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var screens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            LiveListener.ConnectToAsync(anonymous, "/api/v1/public/halls/pub-stream/live/stream", Ct)));
        try
        {
            var firsts = await Task.WhenAll(screens.Select(s => s.NextAsync()));
            Assert.All(firsts, f => Assert.Equal("live", f.Type));
            Assert.All(firsts, f => Assert.Equal(0, f.Json.GetProperty("inside").GetInt32()));

            var started = TimeProvider.System.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(1, 18).Select(i => FloorSetup.PublishAsync(_system, FloorSetup.Admitted("pub-stream", i))));
            await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "pub-stream"), n => n == 18);
            var floor = await FloorSetup.StateAsync(_system, "pub-stream");
            foreach (var screen in screens)
            {
                var events = await screen.UntilAsync(e => e.Sequence == floor.Sequence);
                var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
                Assert.All(events, e => Assert.Equal(PublicFields.Order(StringComparer.Ordinal), e.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
                // 18 arrivals are 18 changes; a screen hears them at most once a second (and once more at the start).
                Assert.InRange(events.Count, 1, (int)Math.Ceiling(seconds) + 1);
                Assert.Equal((15, 3), (events[^1].Json.GetProperty("inside").GetInt32(), events[^1].Json.GetProperty("queueLength").GetInt32()));
            }
        }
        finally
        {
            foreach (var screen in screens)
            {
                await screen.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The board keeps nothing it may have missed: while the feed is away (its connection killed), an arrival is
    /// heard by no one, so what the board held is dropped and read again. A screen left open is then told the new
    /// totals, and a plain read answers them, rather than the totals from before the feed was lost.
    /// </summary>
    [Fact]
    public async Task When_the_feed_loses_its_connection_screens_and_reads_get_the_totals_from_the_database_again()
    {
        await FloorSetup.AddHallAsync(_system, "pub-lost", floorAreaM2: 100m);
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        await using var screen = await LiveListener.ConnectToAsync(anonymous, "/api/v1/public/halls/pub-lost/live/stream", Ct);
        Assert.Equal(0, (await screen.NextAsync()).Json.GetProperty("inside").GetInt32());
        var held = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/halls/pub-lost/live", Ct);
        Assert.Equal(0, held.GetProperty("inside").GetInt32());

        // The staff's stream ends when the feed notices the loss: the marker that it is not listening.
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        await using var staff = await LiveListener.ConnectAsync(ops, "pub-lost", Ct);
        Assert.Equal("snapshot", (await staff.NextAsync()).Type);
        var terminated = await _system.QueryAsync<OccupancyDbContext, List<bool>>(CivicHallSystem.Occupancy, db => db.Database.SqlQuery<bool>(
            $"""
            SELECT pg_terminate_backend(pid) AS "Value" FROM pg_stat_activity
            WHERE application_name = 'civichall-occupancy-feed' AND datname = current_database()
            """).ToListAsync(Ct));
        Assert.Equal([true], terminated);
        await staff.Ended.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        // Within the feed's reconnect delay (1 s): the arrival's notification reaches no one.
        await FloorSetup.PublishAsync(_system, FloorSetup.Admitted("pub-lost", 1));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "pub-lost"), n => n == 1);

        var told = await screen.UntilAsync(e => e.Json.GetProperty("inside").GetInt32() == 1);
        Assert.Equal("live", told[^1].Type);
        var read = await Eventually.UntilAsync(
            async () => await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/public/halls/pub-lost/live", Ct),
            live => live.GetProperty("inside").GetInt32() == 1,
            because: "the totals held before the loss are read again, not kept");
        Assert.Equal(0, read.GetProperty("queueLength").GetInt32());
    }
}
