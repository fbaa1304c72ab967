using System.Net.Http.Json;
using CivicHall.IntegrationTests.Infrastructure;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>
/// The live feed holds a busy stream's changes back to write them together
/// (<c>Occupancy:LiveFeed:FlushInterval</c>), but not a quiet stream's, and never so long that its queue could overflow: here the
/// interval is long (5 s) and the queue short (8), so changes arriving faster would end the stream as
/// lagging if it waited out the interval.
/// </summary>
public sealed class LiveFeedPacingTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new(StringComparer.Ordinal)
    {
        ["Occupancy:LiveFeed:FlushInterval"] = "00:00:05",
        ["Occupancy:LiveFeed:SubscriberBuffer"] = "8",
    };

    private CivicHallSystem _system = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _system = await CivicHallSystem.StartAsync(infrastructure, withGateway: true, extraSettings: Settings);

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    [Fact]
    public async Task Changes_faster_than_the_queue_holds_within_one_interval_reach_the_listener_whole_and_in_order()
    {
        // 15 places, 30 arrivals: a full floor and 15 waiting, before anyone listens.
        await FloorSetup.AddHallAsync(_system, "burst", floorAreaM2: 100m);
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => FloorSetup.PublishAsync(_system, FloorSetup.Admitted("burst", i))));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "burst"), n => n == 30, because: "all 30 should reach the door");
        var inside = (await FloorSetup.StateAsync(_system, "burst")).Inside;
        Assert.Equal(15, inside);

        using var client = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        await using var listener = await LiveListener.ConnectAsync(client, "burst", Ct);
        var snapshot = await listener.NextAsync();
        Assert.Equal("snapshot", snapshot.Type);

        // Fifteen exits one after the other, each its own commit of two changes (exited, and the head of
        // the queue let in): 30 changes in far less than one interval, nearly four queues' worth.
        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        var leaving = await _system.QueryAsync<OccupancyDbContext, List<string>>(CivicHallSystem.Occupancy, db =>
            db.Admissions.Where(a => a.HallId == "burst" && a.State == AdmissionStates.Inside).Select(a => a.PersonKey).ToListAsync());
        foreach (var key in leaving)
        {
            (await screener.PostAsJsonAsync("/api/v1/halls/burst/exits", new { personKey = key }, Ct)).EnsureSuccessStatusCode();
        }

        // The stream kept up (a lagging end would have closed it), and every change came once, in order.
        var final = await FloorSetup.StateAsync(_system, "burst");
        var changes = await listener.UntilAsync(e => e.Sequence == final.Sequence);
        Assert.Equal(30, changes.Count);
        Assert.All(changes, c => Assert.Equal("change", c.Type));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => snapshot.Sequence + i), changes.Select(c => c.Sequence));
        Assert.Equal((15, 0), (changes[^1].Json.GetProperty("inside").GetInt32(), changes[^1].Json.GetProperty("queueLength").GetInt32()));
    }

    [Fact]
    public async Task A_change_to_a_stream_that_wrote_nothing_for_an_interval_is_not_held_back()
    {
        await FloorSetup.AddHallAsync(_system, "quiet", floorAreaM2: 100m);
        await FloorSetup.PublishAsync(_system, FloorSetup.Admitted("quiet", 1));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, "quiet"), n => n == 1, because: "the admission should reach the door");

        using var client = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        await using var listener = await LiveListener.ConnectAsync(client, "quiet", Ct);
        Assert.Equal("snapshot", (await listener.NextAsync()).Type);
        await Task.Delay(TimeSpan.FromSeconds(5.5), Ct); // one whole interval since the snapshot was written

        // Held back, the change would come at the end of an interval (5 s); written at once, it comes
        // as soon as the exit commits. 3 s leaves a loaded host room and still tells the two apart.
        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        (await screener.PostAsJsonAsync("/api/v1/halls/quiet/exits", new { personKey = FloorSetup.PersonKey(1) }, Ct)).EnsureSuccessStatusCode();
        var exited = await listener.NextAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(("change", "exited"), (exited.Type, exited.Json.GetProperty("change").GetString()));
    }
}
