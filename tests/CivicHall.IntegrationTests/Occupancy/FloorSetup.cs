using CivicHall.Contracts.Screening.V1;
using CivicHall.IntegrationTests.Halls;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;
using MassTransit;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>Halls with a floor of a known capacity, and people arriving at their door as screening would announce them.</summary>
public static class FloorSetup
{
    /// <summary>A hall whose only public zone is a service floor of <paramref name="floorAreaM2"/> (15 per 100 m²: 1,000 m² hold 150).</summary>
    public static async Task AddHallAsync(CivicHallSystem system, string hallId, decimal floorAreaM2 = 1000m, bool withMeetingRoom = false)
    {
        var zones = new List<object>
        {
            new { zoneId = "queue", kind = "entrance_queue", name = "排队区", areaM2 = 150m },
            new { zoneId = "floor-1", kind = "service_floor", name = "一楼服务区", areaM2 = floorAreaM2 },
            new { zoneId = "isolation", kind = "isolation", name = "临时隔离区", areaM2 = 20m },
        };
        if (withMeetingRoom)
        {
            zones.Add(new { zoneId = "meeting-a", kind = "meeting_room", name = "会议室A", areaM2 = 80m });
        }

        using var ops = system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var body = HallRequests.Weekdays("测试大厅", zones);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", body, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    public static PersonAdmitted Admitted(string hallId, int person, string kind = "visitor", string? priority = null) =>
        new(Guid.NewGuid(), hallId, PersonKey(person), kind, priority, "A1", 1, DateTimeOffset.UtcNow);

    /// <summary>A stand-in key per test person (occupancy never sees ID numbers from screening, only keys).</summary>
    public static string PersonKey(int person) => $"pk_test{person:D6}";

    /// <summary>Publishes as screening does, through the occupancy service's own bus (same broker, same exchange).</summary>
    public static Task PublishAsync<T>(CivicHallSystem system, T message, Guid? messageId = null)
        where T : class =>
        system[CivicHallSystem.Occupancy].Services.GetRequiredService<IBus>().Publish(
            message, context => context.MessageId = messageId ?? Guid.NewGuid(), TestContext.Current.CancellationToken);

    public static Task<HallOccupancy> StateAsync(CivicHallSystem system, string hallId) =>
        system.QueryAsync<OccupancyDbContext, HallOccupancy>(
            CivicHallSystem.Occupancy, db => db.HallOccupancies.AsNoTracking().SingleAsync(h => h.HallId == hallId));

    public static Task<int> AdmissionsAsync(CivicHallSystem system, string hallId) =>
        system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Admissions.CountAsync(a => a.HallId == hallId));
}
