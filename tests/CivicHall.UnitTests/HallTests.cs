using CivicHall.Contracts.Halls.V1;
using CivicHall.HallDirectory;
using CivicHall.Occupancy.Halls;

namespace CivicHall.UnitTests;

public sealed class HallTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(8));

    private static HallLayout Layout(decimal area = 1200m) => new(
        "青浦区行政服务中心", "青浦区", "Asia/Shanghai",
        [new WeeklyOpeningHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))],
        [],
        [new HallZone("floor-1", ZoneKinds.ServiceFloor, "服务区", area)]);

    [Fact]
    public void Every_change_raises_the_version_and_an_identical_layout_changes_nothing()
    {
        var hall = new Hall { Id = "qingpu", CreatedAt = Now };
        var first = hall.Configure(Layout(), Now);
        Assert.Equal(1, first?.Version);
        Assert.Null(hall.Configure(Layout(), Now.AddMinutes(1)));
        Assert.Equal(1, hall.Version);

        var second = hall.Configure(Layout(900m), Now.AddMinutes(2));
        Assert.Equal(2, second?.Version);
        Assert.Equal(900m, second!.Zones[0].AreaM2);
    }

    [Fact]
    public void The_projection_applies_only_newer_versions()
    {
        var hall = new Hall { Id = "qingpu", CreatedAt = Now };
        var v1 = hall.Configure(Layout(), Now)!;
        var v2 = hall.Configure(Layout(900m), Now)!;
        var known = new KnownHall { HallId = "qingpu" };

        Assert.True(known.Apply(v2, Now));
        Assert.False(known.Apply(v1, Now)); // late arrival of an older event
        Assert.False(known.Apply(v2, Now)); // the same version again
        Assert.Equal(2, known.Version);
        Assert.Equal(900m, known.Zones[0].AreaM2);
    }
}
