using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Halls;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>
/// What a change frame of the live feed (<c>event: change</c> on <c>GET …/occupancy/stream</c>) carries
/// besides the counts: the day's reception as the snapshot shows it, and the zones the change touched
/// unless they are too many for one notification. The services listen on Kestrel, so the streams are read
/// as a client reads them; occupancy runs on a clock the test sets, half an hour before the hall's midnight
/// (Asia/Shanghai): one hour later it is the next day there, and still the same day in UTC.
/// </summary>
public sealed class ChangeFrameTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(BookingSetup.NextWeekday().ToDateTime(new TimeOnly(23, 30)), TimeSpan.FromHours(8)).ToUniversalTime());
    private CivicHallSystem _system = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _system = await CivicHallSystem.StartAsync(infrastructure, withGateway: true, occupancyClock: _clock);

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    private async Task AdmitAsync(string hallId, int person)
    {
        var before = await FloorSetup.AdmissionsAsync(_system, hallId);
        await FloorSetup.PublishAsync(_system, FloorSetup.Admitted(hallId, person));
        await Eventually.UntilAsync(() => FloorSetup.AdmissionsAsync(_system, hallId), n => n == before + 1, because: "the admission should reach the door");
    }

    [Fact]
    public async Task After_the_halls_midnight_a_change_that_admits_no_one_shows_0_received_today_as_the_snapshot_does()
    {
        await FloorSetup.AddHallAsync(_system, "midnight");
        using var client = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        await using var listener = await LiveListener.ConnectAsync(client, "midnight", Ct);
        Assert.Equal("snapshot", (await listener.NextAsync()).Type);

        // Day 1, 23:30 at the hall: three visitors let in, each frame with the day's count so far.
        var dayOne = new List<SseEvent>();
        foreach (var person in new[] { 1, 2, 3 })
        {
            await AdmitAsync("midnight", person);
            dayOne.Add(await listener.NextAsync());
        }

        Assert.All(dayOne, f => Assert.Equal(("change", "admitted"), (f.Type, f.Json.GetProperty("change").GetString())));
        Assert.Equal([1, 2, 3], dayOne.Select(f => f.Json.GetProperty("receivedToday").GetInt32()));
        var view = await client.GetFromJsonAsync<JsonElement>("/api/v1/halls/midnight/occupancy", Ct);
        Assert.Equal(3, view.GetProperty("receivedToday").GetInt32());

        // 00:30 the next day at the hall (16:30 UTC, the same UTC date): an exit does not start the day's
        // count, but the count of yesterday is not today's.
        _clock.Advance(TimeSpan.FromHours(1));
        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        (await screener.PostAsJsonAsync("/api/v1/halls/midnight/exits", new { personKey = FloorSetup.PersonKey(1) }, Ct)).EnsureSuccessStatusCode();
        var exited = (await listener.NextAsync()).Json;
        Assert.Equal(("exited", 2), (exited.GetProperty("change").GetString(), exited.GetProperty("inside").GetInt32()));
        Assert.Equal(0, exited.GetProperty("receivedToday").GetInt32());

        var stored = await FloorSetup.StateAsync(_system, "midnight");
        Assert.Equal(3, stored.ReceivedToday); // the row still holds yesterday's count: only an admission starts the new day's
        view = await client.GetFromJsonAsync<JsonElement>("/api/v1/halls/midnight/occupancy", Ct);
        Assert.Equal((0, 2), (view.GetProperty("receivedToday").GetInt32(), view.GetProperty("inside").GetInt32()));
        await using var joining = await LiveListener.ConnectAsync(client, "midnight", Ct);
        var snapshot = await joining.NextAsync();
        Assert.Equal(("snapshot", 0), (snapshot.Type, snapshot.Json.GetProperty("receivedToday").GetInt32()));

        // The first visitor of the new day counts 1, in the frame and in the snapshot.
        await AdmitAsync("midnight", 4);
        var admitted = (await listener.NextAsync()).Json;
        Assert.Equal(("admitted", 1), (admitted.GetProperty("change").GetString(), admitted.GetProperty("receivedToday").GetInt32()));
        view = await client.GetFromJsonAsync<JsonElement>("/api/v1/halls/midnight/occupancy", Ct);
        Assert.Equal(1, view.GetProperty("receivedToday").GetInt32());
    }

    [Fact]
    public async Task A_replan_touching_more_zones_than_one_notification_holds_goes_without_them_flagged_and_later_small_changes_carry_theirs()
    {
        await FloorSetup.AddHallAsync(_system, "large");
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        await using var listener = await LiveListener.ConnectAsync(ops, "large", Ct);
        var opening = await listener.NextAsync();
        Assert.Equal("snapshot", opening.Type);

        // The most a layout may have (HallValidation.MaxZones, 200), ids as long as allowed (64): the
        // replan touches every zone, some 30,000 characters of zones against the 6,000 a frame may carry.
        var zones = new List<object>
        {
            new { zoneId = "queue", kind = "entrance_queue", name = "排队区", areaM2 = 150m },
            new { zoneId = "floor-1", kind = "service_floor", name = "一楼服务区", areaM2 = 1000m },
            new { zoneId = "isolation", kind = "isolation", name = "临时隔离区", areaM2 = 20m },
        };
        zones.AddRange(Enumerable.Range(1, 197).Select(i => (object)new
        {
            zoneId = $"waiting-area-{i:D3}-".PadRight(64, 'x'),
            kind = "waiting_area",
            name = $"第{i}等候区（北楼二层东侧靠近自助服务终端与综合受理窗口之间的座位区）",
            areaM2 = 100m,
        }));
        var body = HallRequests.Weekdays("测试大厅", zones);
        var put = await ops.PutAsJsonAsync("/api/v1/halls/large", body, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var replanned = await listener.NextAsync();
        Assert.Equal(("change", opening.Sequence + 1), (replanned.Type, replanned.Sequence));
        var frame = replanned.Json;
        Assert.Equal("replanned", frame.GetProperty("change").GetString());
        Assert.True(frame.GetProperty("zonesOmitted").GetBoolean());
        Assert.Equal(0, frame.GetProperty("zones").GetArrayLength());
        Assert.Equal(150 + (197 * 15), frame.GetProperty("capacity").GetInt32()); // the totals are still sent

        // The layout took effect: every zone is planned, as a client reading the floor again sees.
        var view = await ops.GetFromJsonAsync<JsonElement>("/api/v1/halls/large/occupancy", Ct);
        Assert.Equal((200, 150 + (197 * 15)), (view.GetProperty("zones").GetArrayLength(), view.GetProperty("capacity").GetInt32()));
        Assert.Equal(replanned.Sequence, view.GetProperty("sequence").GetInt64());

        // A change of one zone on the same hall carries that zone (a visitor goes to the service floor first).
        await AdmitAsync("large", 1);
        var admitted = await listener.NextAsync();
        Assert.Equal(replanned.Sequence + 1, admitted.Sequence);
        Assert.Equal("admitted", admitted.Json.GetProperty("change").GetString());
        Assert.False(admitted.Json.GetProperty("zonesOmitted").GetBoolean());
        var zone = Assert.Single(admitted.Json.GetProperty("zones").EnumerateArray());
        Assert.Equal(("floor-1", 1, 150), (zone.GetProperty("zoneId").GetString(), zone.GetProperty("count").GetInt32(), zone.GetProperty("capacity").GetInt32()));
    }
}
