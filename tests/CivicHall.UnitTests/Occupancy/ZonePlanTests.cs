using CivicHall.Contracts.Halls.V1;
using CivicHall.Occupancy.Floor;
using CivicHall.Occupancy.Planning;
using CivicHall.Occupancy.Policies;

namespace CivicHall.UnitTests.Occupancy;

public sealed class ZonePlanTests
{
    private static readonly OccupancyPolicy Defaults = OccupancyPolicyDefaults.For("h");

    [Theory]
    [InlineData(ZoneKinds.ServiceFloor, 1000, 150)]    // Qingpu: 15 per 100 m²
    [InlineData(ZoneKinds.ServiceFloor, 1200, 180)]
    [InlineData(ZoneKinds.ServiceFloor, 99, 14)]       // floor(14.85): never rounded up past the density
    [InlineData(ZoneKinds.ServiceFloor, 6, 0)]
    [InlineData(ZoneKinds.WaitingArea, 250.5, 37)]
    [InlineData(ZoneKinds.MeetingRoom, 80, 20)]        // the kind's cap, not 12 from the area
    [InlineData(ZoneKinds.MeetingRoom, 400, 20)]
    public void Capacity_is_area_times_density_or_the_kinds_cap(string kind, double area, int expected) =>
        Assert.Equal(expected, ZonePlan.CapacityOf(new HallZone("z", kind, "z", (decimal)area), Defaults));

    [Fact]
    public void A_policy_changes_the_density_and_the_caps()
    {
        var policy = new OccupancyPolicy
        {
            HallId = "h",
            DensityPer100M2 = 10m,
            ZoneCaps = new Dictionary<string, int> { [ZoneKinds.Canteen] = 30 },
            CreatedBy = "t",
        };
        Assert.Equal(100, ZonePlan.CapacityOf(new HallZone("f", ZoneKinds.ServiceFloor, "f", 1000m), policy));
        Assert.Equal(8, ZonePlan.CapacityOf(new HallZone("m", ZoneKinds.MeetingRoom, "m", 80m), policy)); // no cap for meeting rooms in this version
        Assert.Equal(30, ZonePlan.CapacityOf(new HallZone("c", ZoneKinds.Canteen, "c", 1000m), policy));
    }

    [Fact]
    public void Entry_zones_are_ranked_floors_first_and_only_public_zones_count_towards_the_hall()
    {
        var plans = ZonePlan.For(
            [
                new HallZone("wait", ZoneKinds.WaitingArea, "等候区", 100m),
                new HallZone("queue", ZoneKinds.EntranceQueue, "排队区", 100m),
                new HallZone("floor-2", ZoneKinds.ServiceFloor, "二楼", 100m),
                new HallZone("floor-1", ZoneKinds.ServiceFloor, "一楼", 100m),
                new HallZone("iso", ZoneKinds.Isolation, "隔离室", 100m),
                new HallZone("self", ZoneKinds.SelfService, "自助区", 100m),
                new HallZone("office", ZoneKinds.Office, "办公室", 100m),
            ],
            Defaults).ToDictionary(p => p.ZoneId);

        Assert.Equal((0, 1, 2, 3), (plans["floor-1"].EntryRank, plans["floor-2"].EntryRank, plans["wait"].EntryRank, plans["self"].EntryRank));
        Assert.All(new[] { "queue", "iso", "office" }, id => Assert.Null(plans[id].EntryRank));
        Assert.All(new[] { "queue", "iso", "office" }, id => Assert.False(plans[id].IsPublic));
        Assert.All(new[] { "floor-1", "floor-2", "wait", "self" }, id => Assert.True(plans[id].IsPublic));
    }

    [Fact]
    public void The_version_in_force_is_the_latest_to_have_taken_effect()
    {
        var now = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        OccupancyPolicy Version(int v, int hoursFromNow) => new()
        {
            HallId = "h",
            Version = v,
            EffectiveFrom = now.AddHours(hoursFromNow),
            CreatedBy = "t",
        };

        Assert.Equal(2, OccupancyPolicies.InForce([Version(1, -48), Version(2, -1), Version(3, 1)], now)!.Version);
        Assert.Null(OccupancyPolicies.InForce([Version(1, 1)], now));
    }
}
