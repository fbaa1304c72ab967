using CivicHall.Contracts.Halls.V1;
using CivicHall.HallDirectory;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Halls;

namespace CivicHall.IntegrationTests.Halls;

/// <summary>
/// The first flow: one write in occupancy, HallConfigured through the outbox, four projections. One
/// system for the class: each test writes a hall of its own and reads back only that hall's rows.
/// </summary>
public sealed class HallFlowTests(ServicesSystemFixture fixture) : IClassFixture<ServicesSystemFixture>
{
    private readonly CivicHallSystem _system = fixture.System;

    /// <summary>The HallConfigured outbox rows of one hall (other tests' halls share the outbox).</summary>
    private Task<List<OutboxMessage>> HallEventsAsync(string hallId) =>
        _system.QueryAsync<OccupancyDbContext, List<OutboxMessage>>(CivicHallSystem.Occupancy, async db =>
            (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == typeof(HallConfigured).FullName).ToListAsync(TestContext.Current.CancellationToken))
                .Where(m => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty("hallId").GetString() == hallId)
                .ToList());

    private static async Task<(HttpStatusCode Status, string? Code)> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    [Fact]
    public async Task A_configured_hall_reaches_all_four_consumers_with_its_zones_and_hours()
    {
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var response = await ops.PutAsJsonAsync("/api/v1/halls/qingpu", HallRequests.Qingpu(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        foreach (var consumer in CivicHallSystem.HallConsumers)
        {
            var hall = await Eventually.UntilAsync(
                () => _system.QueryConsumerAsync(consumer, db => db.Set<KnownHall>().AsNoTracking().SingleOrDefaultAsync(h => h.HallId == "qingpu")),
                h => h is not null,
                because: $"{consumer} should learn of the hall");
            Assert.Equal(1, hall!.Version);
            Assert.Equal("青浦区行政服务中心", hall.Name);
            Assert.Equal(5, hall.Zones.Count);
            Assert.Contains(hall.Zones, z => z is { ZoneId: "floor-1", Kind: "service_floor", AreaM2: 1200m });
            Assert.Equal(5, hall.OpeningHours.Count);
            Assert.Equal(new TimeOnly(9, 0), hall.OpeningHours[0].Opens);
            Assert.Single(hall.Overrides);
        }
    }

    [Fact]
    public async Task Every_change_is_applied_in_version_order_and_an_unchanged_put_publishes_nothing()
    {
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var ct = TestContext.Current.CancellationToken;
        (await ops.PutAsJsonAsync("/api/v1/halls/baoshan", HallRequests.Qingpu("宝山区行政服务中心"), ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/baoshan", HallRequests.Qingpu("宝山区行政服务中心", 900m), ct)).EnsureSuccessStatusCode();
        var unchanged = await ops.PutAsJsonAsync("/api/v1/halls/baoshan", HallRequests.Qingpu("宝山区行政服务中心", 900m), ct);
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Equal("\"2\"", unchanged.Headers.ETag?.Tag);

        // HallConfigured only: occupancy's throttled OccupancyChanged goes through the same outbox.
        var outbox = await HallEventsAsync("baoshan");
        Assert.Equal(2, outbox.Count);
        var messageIds = outbox.Select(m => m.Id).ToList();

        foreach (var consumer in CivicHallSystem.HallConsumers)
        {
            var hall = await Eventually.UntilAsync(
                () => _system.QueryConsumerAsync(consumer, db => db.Set<KnownHall>().AsNoTracking().SingleOrDefaultAsync(h => h.HallId == "baoshan")),
                h => h?.Version == 2,
                because: $"{consumer} should hold version 2");
            Assert.Equal(900m, hall!.Zones.Single(z => z.ZoneId == "floor-1").AreaM2);
            // The relay publishes a batch concurrently, so version 1 may arrive after version 2: it is
            // still recorded (and skipped as stale), just possibly a moment later.
            await Eventually.UntilAsync(
                () => _system.QueryConsumerAsync(consumer, db => db.Set<InboxMessage>().CountAsync(m => messageIds.Contains(m.MessageId), ct)),
                applied => applied == 2,
                because: $"{consumer} should have taken in both events");
        }
    }

    [Fact]
    public async Task An_invalid_hall_is_refused_with_every_bad_field_and_stored_nowhere()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var response = await ops.PutAsJsonAsync(
            "/api/v1/halls/broken",
            new { name = "", district = "青浦区", zones = new[] { new { zoneId = "floor-1", kind = "ballroom", name = "x", areaM2 = -1 } } },
            ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("zones[0].kind", out _));
        Assert.True(errors.TryGetProperty("zones[0].areaM2", out _));

        using var malformed = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        var bad = await ops.PutAsync("/api/v1/halls/broken", malformed, ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), await ProblemAsync(await ops.GetAsync("/api/v1/halls/broken", ct)));
        Assert.Empty(await HallEventsAsync("broken"));
    }

    [Fact]
    public async Task A_write_with_a_stale_if_match_is_refused_and_a_current_one_accepted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/etag", HallRequests.Qingpu(), ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/etag", HallRequests.Qingpu(serviceFloorArea: 1000m), ct)).EnsureSuccessStatusCode();

        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/halls/etag") { Content = JsonContent.Create(HallRequests.Qingpu(serviceFloorArea: 800m)) };
        stale.Headers.IfMatch.ParseAdd("\"1\"");
        var refused = await ops.SendAsync(stale, ct);
        Assert.Equal((HttpStatusCode.PreconditionFailed, "precondition_failed"), await ProblemAsync(refused));

        // Refused: the hall is as version 2 left it, and nothing was announced.
        var kept = await ops.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/halls/etag", ct);
        Assert.Equal(2, kept.GetProperty("version").GetInt64());
        Assert.Equal(1000m, kept.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zoneId").GetString() == "floor-1").GetProperty("areaM2").GetDecimal());
        Assert.Equal(2, (await HallEventsAsync("etag")).Count);

        using var current = new HttpRequestMessage(HttpMethod.Put, "/api/v1/halls/etag") { Content = JsonContent.Create(HallRequests.Qingpu(serviceFloorArea: 800m)) };
        current.Headers.IfMatch.ParseAdd("\"2\"");
        var accepted = await ops.SendAsync(current, ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("\"3\"", accepted.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_hall_get_success_or_409_never_an_error_and_no_change_is_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var responses = await Task.WhenAll(Enumerable.Range(1, 16).Select(i =>
            ops.PutAsJsonAsync("/api/v1/halls/contended", HallRequests.Qingpu(serviceFloorArea: 500m + i), ct)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal((HttpStatusCode.Conflict, "concurrent_update"), await ProblemAsync(conflict));
        }

        var succeeded = responses.Count(r => r.IsSuccessStatusCode);
        Assert.True(succeeded >= 1);
        var version = await _system.QueryAsync<OccupancyDbContext, long>(CivicHallSystem.Occupancy, db => db.Halls.Where(h => h.Id == "contended").Select(h => h.Version).SingleAsync(ct));
        Assert.Equal(succeeded, version);
        Assert.Equal(succeeded, (await HallEventsAsync("contended")).Count);
    }
}
