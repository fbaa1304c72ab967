using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;
using CivicHall.Occupancy.Live;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>
/// The live feed holds a busy stream's changes back to write them together
/// (<c>Occupancy:LiveFeed:FlushInterval</c>), but not a quiet stream's, and never so long that its queue
/// could overflow. The streams are paced by a clock the test holds still and moves by hand
/// (<see cref="LiveFeedPacing"/>), so "within one interval" and "after an interval" are what the test
/// makes them, not how fast the host happens to be. The interval is 5 s and the queue short (8).
/// </summary>
public sealed class LiveFeedPacingTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string?> Settings = new(StringComparer.Ordinal)
    {
        ["Occupancy:LiveFeed:FlushInterval"] = "00:00:05",
        ["Occupancy:LiveFeed:SubscriberBuffer"] = "8",
    };

    private readonly FakeTimeProvider _pacing = new();
    private CivicHallSystem? _system;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CivicHallSystem System => _system!;

    public async ValueTask InitializeAsync() => _system = await CivicHallSystem.StartAsync(
        infrastructure,
        withGateway: true,
        extraSettings: Settings,
        configureServices: (service, services) =>
        {
            if (service == CivicHallSystem.Occupancy)
            {
                services.AddSingleton(new LiveFeedPacing(_pacing));
            }
        });

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    [Fact]
    public async Task Changes_faster_than_the_queue_holds_within_one_interval_reach_the_listener_whole_and_in_order()
    {
        // 15 places, 30 arrivals: a full floor and 15 waiting, before anyone listens.
        await FloorSetup.AddHallAsync(System, "burst", floorAreaM2: 100m);
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => FloorSetup.PublishAsync(System, FloorSetup.Admitted("burst", i))));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(System, "burst"), n => n == 30, because: "all 30 should reach the door");
        Assert.Equal(15, (await FloorSetup.StateAsync(System, "burst")).Inside);

        using var client = System.Client(CivicHallSystem.Occupancy, Roles.Ops);
        await using var listener = await LiveListener.ConnectAsync(client, "burst", Ct);
        var snapshot = await listener.NextAsync();
        Assert.Equal("snapshot", snapshot.Type);

        // Fifteen exits one after the other, each its own commit of two changes (exited, and the head of
        // the queue let in): 30 changes, nearly four queues' worth, and the pacing clock stands still, so
        // all of them come within one interval. Only the rule "half a queue is written at once" can
        // bring them out; were they held for the interval, the queue would overflow and end the stream.
        using var screener = System.Client(CivicHallSystem.Occupancy, Roles.Screener);
        var leaving = await System.QueryAsync<OccupancyDbContext, List<string>>(CivicHallSystem.Occupancy, db =>
            db.Admissions.Where(a => a.HallId == "burst" && a.State == AdmissionState.Inside).Select(a => a.PersonKey).ToListAsync());
        foreach (var key in leaving)
        {
            (await screener.PostAsJsonAsync("/api/v1/halls/burst/exits", new { personKey = key }, Ct)).EnsureSuccessStatusCode();
        }

        var final = await FloorSetup.StateAsync(System, "burst");
        var written = await listener.UntilAsync(e => e.Sequence >= final.Sequence - 3); // all but what is less than half a queue
        Assert.False(listener.Ended.IsCompleted, "the stream kept up: it was not ended as lagging");

        // What is left, less than half a queue, waits for the interval; it ends, and the rest comes. (A
        // change that reaches the stream just after the interval ended starts a new one: the clock moves
        // on an interval at a time until the last change is in.)
        var changes = written;
        for (var interval = 0; changes[^1].Sequence < final.Sequence; interval++)
        {
            Assert.True(interval < 5, $"the last changes did not come within {interval} intervals");
            _pacing.Advance(Interval);
            try
            {
                while (changes[^1].Sequence < final.Sequence)
                {
                    changes.Add(await listener.NextAsync(TimeSpan.FromSeconds(2)));
                }
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                // held for the next interval
            }
        }

        Assert.Equal(30, changes.Count);
        Assert.All(changes, c => Assert.Equal("change", c.Type));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => snapshot.Sequence + i), changes.Select(c => c.Sequence));
        Assert.Equal((15, 0), (changes[^1].Json.GetProperty("inside").GetInt32(), changes[^1].Json.GetProperty("queueLength").GetInt32()));
        Assert.False(listener.Ended.IsCompleted);
    }

    [Fact]
    public async Task A_change_to_a_stream_that_wrote_nothing_for_an_interval_is_not_held_back_and_one_soon_after_waits_for_the_interval()
    {
        await FloorSetup.AddHallAsync(System, "quiet", floorAreaM2: 100m);
        foreach (var person in new[] { 1, 2 })
        {
            await FloorSetup.PublishAsync(System, FloorSetup.Admitted("quiet", person));
        }

        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(System, "quiet"), n => n == 2, because: "the admissions should reach the door");

        using var client = System.Client(CivicHallSystem.Occupancy, Roles.Ops);
        await using var listener = await LiveListener.ConnectAsync(client, "quiet", Ct);
        Assert.Equal("snapshot", (await listener.NextAsync()).Type);
        _pacing.Advance(Interval + TimeSpan.FromSeconds(1)); // one whole interval since the snapshot was written

        // Quiet for an interval: the change is written as it comes, with the pacing clock standing still.
        using var screener = System.Client(CivicHallSystem.Occupancy, Roles.Screener);
        (await screener.PostAsJsonAsync("/api/v1/halls/quiet/exits", new { personKey = FloorSetup.PersonKey(1) }, Ct)).EnsureSuccessStatusCode();
        var exited = await listener.NextAsync();
        Assert.Equal(("change", "exited"), (exited.Type, exited.Json.GetProperty("change").GetString()));

        // The next one, within the interval of that write, waits for the interval to end — and comes
        // when it does, without any further change to push it out.
        (await screener.PostAsJsonAsync("/api/v1/halls/quiet/exits", new { personKey = FloorSetup.PersonKey(2) }, Ct)).EnsureSuccessStatusCode();
        var committed = (await FloorSetup.StateAsync(System, "quiet")).Sequence;
        // Held: nothing comes while the pacing clock stands still (a held change cannot come early
        // however slow the host is; 1 s is ample for one that is not held to arrive).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener.NextAsync(TimeSpan.FromSeconds(1)));
        _pacing.Advance(Interval);
        var second = await listener.NextAsync();
        Assert.Equal(("change", committed), (second.Type, second.Sequence));
    }
}
