using System.Net;
using System.Net.Http.Json;
using CivicHall.HallDirectory;
using CivicHall.IntegrationTests.Infrastructure;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Data;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.IntegrationTests.Halls;

/// <summary>The first flow: one write in occupancy, HallConfigured through the outbox, four projections.</summary>
public sealed class HallFlowTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await CivicHallSystem.StartAsync(infrastructure);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

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

        var outbox = await _system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Set<OutboxMessage>().CountAsync(ct));
        Assert.Equal(2, outbox);

        foreach (var consumer in CivicHallSystem.HallConsumers)
        {
            var hall = await Eventually.UntilAsync(
                () => _system.QueryConsumerAsync(consumer, db => db.Set<KnownHall>().AsNoTracking().SingleOrDefaultAsync(h => h.HallId == "baoshan")),
                h => h?.Version == 2,
                because: $"{consumer} should hold version 2");
            Assert.Equal(900m, hall!.Zones.Single(z => z.ZoneId == "floor-1").AreaM2);
            var applied = await _system.QueryConsumerAsync(consumer, db => db.Set<InboxMessage>().CountAsync(ct));
            Assert.Equal(2, applied);
        }
    }
}
