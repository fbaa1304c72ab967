using CivicHall.Sanitation.Plans;

namespace CivicHall.UnitTests.Sanitation;

/// <summary>Every bad plan is refused naming the field, and a field of another kind of rule is refused rather than ignored.</summary>
public sealed class SanitationPlanValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private static SanitationRuleRequest Rule(
        string? ruleId = "r1", string? kind = RuleKinds.TimesPerDay, string?[]? zoneKinds = null, string? method = Methods.Wipe, string? agent = Agents.Chlorine,
        StrengthRequest? strength = null, int? everyHours = null, int? timesPerDay = 3, AnchoredTimeRequest?[]? times = null, ClockWindowRequest?[]? windows = null,
        int? minMinutes = null, int? minutesBefore = null, string?[]? zoneIds = null, int? bringForwardAfterVisitors = null) =>
        new(ruleId, kind, zoneKinds ?? ["service_floor"], zoneIds, null, method, agent, strength, everyHours, null, timesPerDay, times, null, windows, minMinutes,
            minutesBefore, null, bringForwardAfterVisitors);

    private static Dictionary<string, string[]> Errors(params SanitationRuleRequest?[] rules) =>
        SanitationPlanValidation.Validate(new PutSanitationPlanRequest(null, rules, null, null, null, null, null, null, null, null, null, null), Now);

    [Fact]
    public void The_empty_plan_and_the_seeds_rules_are_valid()
    {
        Assert.Empty(SanitationPlanValidation.Validate(new PutSanitationPlanRequest(null, null, null, null, null, null, null, null, null, null, null, null), Now));
        Assert.Empty(Errors(Rule()));
        Assert.Empty(Errors(Rule(kind: RuleKinds.Ventilation, method: Methods.Ventilate, agent: null, timesPerDay: null,
            windows: [new("12:00", "14:00")])));
        Assert.Empty(Errors(Rule(kind: RuleKinds.At, timesPerDay: null, times: [new(Anchors.Opening, -60, null), new(Anchors.Clock, null, "12:00")])));
    }

    [Theory]
    [InlineData("unknown kind", "rules[0].kind")]
    [InlineData("bad zone kind", "rules[0].zoneKinds[0]")]
    [InlineData("bad rule id", "rules[0].ruleId")]
    [InlineData("every without hours", "rules[0].everyHours")]
    [InlineData("field of another kind", "rules[0].timesPerDay")]
    [InlineData("ventilation with an agent", "rules[0].agent")]
    [InlineData("disinfection without an agent", "rules[0].agent")]
    [InlineData("alcohol in mg/L", "rules[0].strength.unit")]
    [InlineData("min above max", "rules[0].strength.max")]
    [InlineData("clock time without a time", "rules[0].times[0].time")]
    [InlineData("window ending before it starts", "rules[0].windows[0].to")]
    [InlineData("meetings outside meeting rooms", "rules[0].zoneKinds")]
    [InlineData("bad zone id", "rules[0].zoneIds[0]")]
    [InlineData("no visitors before bringing forward", "rules[0].bringForwardAfterVisitors")]
    [InlineData("too many visitors before bringing forward", "rules[0].bringForwardAfterVisitors")]
    [InlineData("bringing forward a fixed time", "rules[0].bringForwardAfterVisitors")]
    [InlineData("bringing forward an airing", "rules[0].bringForwardAfterVisitors")]
    public void A_bad_rule_is_refused_naming_its_field(string bad, string field)
    {
        var rule = bad switch
        {
            "unknown kind" => Rule(kind: "sometimes"),
            "bad zone kind" => Rule(zoneKinds: ["lobby"]),
            "bad rule id" => Rule(ruleId: "no spaces"),
            "every without hours" => Rule(kind: RuleKinds.Every, timesPerDay: null),
            "field of another kind" => Rule(kind: RuleKinds.Every, everyHours: 2, timesPerDay: 3),
            "ventilation with an agent" => Rule(kind: RuleKinds.Ventilation, method: Methods.Ventilate, timesPerDay: 2, minMinutes: 30),
            "disinfection without an agent" => Rule(agent: null),
            "alcohol in mg/L" => Rule(agent: Agents.Alcohol, strength: new(75m, 75m, "mg/L")),
            "min above max" => Rule(strength: new(600m, 500m, "mg/L")),
            "clock time without a time" => Rule(kind: RuleKinds.At, timesPerDay: null, times: [new(Anchors.Clock, null, null)]),
            "window ending before it starts" => Rule(kind: RuleKinds.Ventilation, method: Methods.Ventilate, agent: null, timesPerDay: null,
                windows: [new("14:00", "12:00")]),
            "meetings outside meeting rooms" => Rule(kind: RuleKinds.AroundMeetings, timesPerDay: null, minutesBefore: 30),
            "bad zone id" => Rule(zoneIds: ["../x"]),
            "no visitors before bringing forward" => Rule(bringForwardAfterVisitors: 0),
            "too many visitors before bringing forward" => Rule(kind: RuleKinds.Every, everyHours: 2, timesPerDay: null, bringForwardAfterVisitors: 100_001),
            "bringing forward a fixed time" => Rule(kind: RuleKinds.At, timesPerDay: null, times: [new(Anchors.Opening, -60, null)], bringForwardAfterVisitors: 50),
            "bringing forward an airing" => Rule(kind: RuleKinds.Ventilation, method: Methods.Ventilate, agent: null, timesPerDay: 2, bringForwardAfterVisitors: 50),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        Assert.Contains(field, Errors(rule).Keys);
    }

    [Fact]
    public void Bringing_forward_after_visitors_is_a_field_of_every_and_times_per_day_rules_and_is_stored()
    {
        Assert.Empty(Errors(Rule(bringForwardAfterVisitors: 1)));
        Assert.Empty(Errors(Rule(kind: RuleKinds.Every, everyHours: 2, timesPerDay: null, bringForwardAfterVisitors: 100_000)));
        Assert.Equal(200, SanitationPlanValidation.ToRule(Rule(bringForwardAfterVisitors: 200)).BringForwardAfterVisitors);
        Assert.Null(SanitationPlanValidation.ToRule(Rule()).BringForwardAfterVisitors);
        Assert.All(SanitationPlanDefaults.Rules, r => Assert.Null(r.BringForwardAfterVisitors)); // the seeds name no number: off by default
    }

    [Fact]
    public void Rule_ids_are_unique_and_a_null_rule_is_refused()
    {
        Assert.Contains("rules[1].ruleId", Errors(Rule(), Rule()).Keys);
        Assert.Contains("rules[0]", Errors((SanitationRuleRequest?)null).Keys);
    }

    [Fact]
    public void A_version_cannot_take_effect_in_the_past_and_limits_keep_their_ranges()
    {
        var errors = SanitationPlanValidation.Validate(
            new PutSanitationPlanRequest(Now.AddHours(-1), null, -1, null, null, 0, 0, null, new StrengthRequest(2000m, 1000m, "%"), -1, null, "no spaces"), Now);
        Assert.Equal(
            ["effectiveFrom", "graceMinutes", "maskItemId", "meetingMaxAttendees", "meetingMaxMinutes", "suppliesLowCooldownMinutes", "wasteBagStrength.max", "wasteBagStrength.unit"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_stored_rule_takes_the_seeds_strength_and_windows_when_left_out()
    {
        var stored = SanitationPlanValidation.ToRule(Rule(agent: Agents.Alcohol));
        Assert.Equal(new Strength(75m, 75m, "%"), stored.Strength);
        var meetings = SanitationPlanValidation.ToRule(Rule(kind: RuleKinds.AroundMeetings, zoneKinds: ["meeting_room"], timesPerDay: null));
        Assert.Equal((30, 30), (meetings.MinutesBefore, meetings.MinutesAfter));
    }
}
