using CivicHall.Occupancy.Policies;

namespace CivicHall.UnitTests.Occupancy;

public sealed class OccupancyPolicyValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static PutOccupancyPolicyRequest Request(
        DateTimeOffset? effectiveFrom = null, decimal? density = null, Dictionary<string, int>? caps = null, int? quota = null,
        int[]? levels = null, int? cooldown = null, int? retention = null) =>
        new(effectiveFrom, density, caps, quota, levels, cooldown, retention);

    [Fact]
    public void An_empty_version_takes_the_defaults() => Assert.Empty(OccupancyPolicyValidation.Validate(Request(), Now));

    [Fact]
    public void A_missing_body_is_refused() => Assert.Contains("body", OccupancyPolicyValidation.Validate(null, Now).Keys);

    [Theory]
    [InlineData("effectiveFrom")]
    [InlineData("densityPer100M2")]
    [InlineData("zoneCaps.ballroom")]
    [InlineData("zoneCaps.meeting_room")]
    [InlineData("dailyQuota")]
    [InlineData("alertLevels")]
    [InlineData("alertCooldownSeconds")]
    [InlineData("retentionDays")]
    public void Each_impossible_value_is_named(string field)
    {
        var request = field switch
        {
            "effectiveFrom" => Request(effectiveFrom: Now.AddHours(-1)),
            "densityPer100M2" => Request(density: 0m),
            "zoneCaps.ballroom" => Request(caps: new() { ["ballroom"] = 10 }),
            "zoneCaps.meeting_room" => Request(caps: new() { ["meeting_room"] = -1 }),
            "dailyQuota" => Request(quota: -5),
            "alertLevels" => Request(levels: [100, 80]),
            "alertCooldownSeconds" => Request(cooldown: -1),
            _ => Request(retention: 0),
        };
        Assert.Equal([field], OccupancyPolicyValidation.Validate(request, Now).Keys);
    }

    [Fact]
    public void Levels_must_be_distinct_per_cents()
    {
        Assert.Contains("alertLevels", OccupancyPolicyValidation.Validate(Request(levels: [80, 80]), Now).Keys);
        Assert.Contains("alertLevels", OccupancyPolicyValidation.Validate(Request(levels: [0, 50]), Now).Keys);
        Assert.Empty(OccupancyPolicyValidation.Validate(Request(levels: [50, 80, 100]), Now));
    }
}
