using CivicHall.Occupancy.Halls;

namespace CivicHall.UnitTests;

public sealed class HallValidationTests
{
    private static PutHallRequest Valid(
        IReadOnlyList<OpeningHoursDto>? hours = null,
        IReadOnlyList<OpeningHoursOverrideDto>? overrides = null,
        IReadOnlyList<ZoneDto>? zones = null,
        string? timeZone = null) => new(
            "青浦区行政服务中心",
            "青浦区",
            timeZone,
            hours ?? [new("monday", "09:00", "17:00"), new("Tuesday", "09:00", "12:00")],
            overrides ?? [new("2026-12-05", "09:00", "12:00", "周六延时"), new("2026-10-01", null, null, "国庆")],
            zones ?? [new("floor-1", "service_floor", "服务区", 1200m), new("queue", "entrance_queue", "排队区", 150m)]);

    [Fact]
    public void A_valid_hall_is_normalised_with_hours_by_day_overrides_by_date_and_zones_by_id()
    {
        var layout = HallValidation.Validate(Valid(), out var errors);
        Assert.Empty(errors);
        Assert.NotNull(layout);
        Assert.Equal("Asia/Shanghai", layout.TimeZone);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday], layout.OpeningHours.Select(h => h.Day));
        Assert.Equal(["floor-1", "queue"], layout.Zones.Select(z => z.ZoneId));
        Assert.Equal(new DateOnly(2026, 10, 1), layout.Overrides[0].Date);
        Assert.Null(layout.Overrides[0].Opens);
    }

    [Theory]
    [InlineData("notaday", "09:00", "17:00", "openingHours[0].day")]
    [InlineData("monday", "9am", "17:00", "openingHours[0].opens")]
    [InlineData("monday", "09:00", "24:00", "openingHours[0].closes")]
    [InlineData("monday", "17:00", "09:00", "openingHours[0]")]
    [InlineData("monday", "09:00", "09:00", "openingHours[0]")]
    [InlineData("1", "09:00", "17:00", "openingHours[0].day")]
    public void Bad_opening_hours_name_the_field(string day, string opens, string closes, string field)
    {
        Assert.Null(HallValidation.Validate(Valid(hours: [new(day, opens, closes)]), out var errors));
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void A_weekday_listed_twice_is_refused()
    {
        Assert.Null(HallValidation.Validate(Valid(hours: [new("monday", "09:00", "12:00"), new("MONDAY", "13:00", "17:00")]), out var errors));
        Assert.Contains("openingHours[1].day", errors.Keys);
    }

    [Theory]
    [InlineData("2026-13-01", "09:00", "12:00", "overrides[0].date")]
    [InlineData("2026-12-05", "09:00", null, "overrides[0].closes")]
    [InlineData("2026-12-05", "12:00", "09:00", "overrides[0]")]
    public void Bad_overrides_name_the_field(string date, string? opens, string? closes, string field)
    {
        Assert.Null(HallValidation.Validate(Valid(overrides: [new(date, opens, closes, null)]), out var errors));
        Assert.Contains(field, errors.Keys);
    }

    [Theory]
    [InlineData("Floor 1", "service_floor", "服务区", 100, "zones[0].zoneId")]
    [InlineData("floor-1", "ballroom", "服务区", 100, "zones[0].kind")]
    [InlineData("floor-1", "service_floor", " ", 100, "zones[0].name")]
    [InlineData("floor-1", "service_floor", "服务区", 0, "zones[0].areaM2")]
    [InlineData("floor-1", "service_floor", "服务区", -5, "zones[0].areaM2")]
    [InlineData("floor-1", "service_floor", "服务区", 100001, "zones[0].areaM2")]
    public void Bad_zones_name_the_field(string zoneId, string kind, string name, decimal area, string field)
    {
        Assert.Null(HallValidation.Validate(Valid(zones: [new(zoneId, kind, name, area)]), out var errors));
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void A_hall_needs_a_zone_and_unique_zone_ids()
    {
        Assert.Null(HallValidation.Validate(Valid(zones: []), out var none));
        Assert.Contains("zones", none.Keys);

        Assert.Null(HallValidation.Validate(Valid(zones: [new("a1", "restroom", "厕所", 10m), new("a1", "office", "办公室", 10m)]), out var twice));
        Assert.Contains("zones[1].zoneId", twice.Keys);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        Assert.Null(HallValidation.Validate(Valid(timeZone: "Mars/Olympus"), out var errors));
        Assert.Contains("timeZone", errors.Keys);
    }

    [Fact]
    public void A_missing_body_is_refused()
    {
        Assert.Null(HallValidation.Validate(null, out var errors));
        Assert.Contains("body", errors.Keys);
    }

    [Theory]
    [InlineData("qingpu", true)]
    [InlineData("hall-01", true)]
    [InlineData("q", true)]
    [InlineData("Qingpu.Floor_1", true)]
    [InlineData("-qingpu", false)]
    [InlineData(".hidden", false)]
    [InlineData("青浦", false)]
    [InlineData("café", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    public void Hall_and_zone_ids_follow_the_one_id_grammar(string id, bool valid) =>
        Assert.Equal(valid, HallValidation.IsValidId(id));
}
