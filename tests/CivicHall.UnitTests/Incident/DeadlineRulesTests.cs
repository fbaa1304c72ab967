using CivicHall.Incident.Cases;
using CivicHall.Incident.Deadlines;
using CivicHall.Incident.Policies;

namespace CivicHall.UnitTests.Incident;

public sealed class DeadlineRulesTests
{
    private static readonly DateTimeOffset Opened = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly IncidentPolicy Defaults = IncidentPolicy.Defaults("qingpu");
    private static readonly HashSet<(string, string)> None = [];

    private static DateTimeOffset At(int minutes) => Opened.AddMinutes(minutes);

    private static List<(string, string, DateTimeOffset)> Due(
        IncidentKind kind, int minutes, IReadOnlySet<string>? met = null, IReadOnlySet<(string, string)>? raised = null, IncidentPolicy? policy = null) =>
        [.. DeadlineRules.Due(kind, Opened, policy ?? Defaults, met ?? new HashSet<string>(), raised ?? None, At(minutes)).Select(d => (d.Deadline, d.Level, d.DueAt))];

    [Fact]
    public void Kinds_have_their_deadlines_from_opening()
    {
        Assert.Equal(
            [("isolated", At(10)), ("reported", At(30)), ("hospital_notified", At(60))],
            DeadlineRules.Deadlines(IncidentKind.AbnormalScreening, Opened, Defaults).Select(d => (d.Deadline, d.DueAt)));
        Assert.Equal(["isolated", "reported", "hospital_notified"], DeadlineRules.Deadlines(IncidentKind.StaffSymptoms, Opened, Defaults).Select(d => d.Deadline));
        Assert.Equal(["isolated", "reported"], DeadlineRules.Deadlines(IncidentKind.Refusal, Opened, Defaults).Select(d => d.Deadline));
        Assert.Equal(["reported"], DeadlineRules.Deadlines(IncidentKind.CaseNotice, Opened, Defaults).Select(d => d.Deadline));
    }

    [Fact]
    public void Nothing_is_due_before_a_deadline_and_the_duty_leader_at_it()
    {
        Assert.Empty(Due(IncidentKind.AbnormalScreening, 9));
        Assert.Equal([("isolated", "duty_leader", At(10))], Due(IncidentKind.AbnormalScreening, 10));
    }

    [Fact]
    public void The_chain_climbs_one_level_per_interval_each_once()
    {
        HashSet<(string, string)> raised = [("isolated", "duty_leader")];
        Assert.Empty(Due(IncidentKind.StaffSymptoms, 19, raised: raised));
        Assert.Equal([("isolated", "street_office", At(20))], Due(IncidentKind.StaffSymptoms, 20, raised: raised));
        raised.Add(("isolated", "street_office"));
        Assert.Equal([("isolated", "cdc", At(30)), ("reported", "duty_leader", At(30))], Due(IncidentKind.StaffSymptoms, 30, raised: raised));
        raised.Add(("isolated", "cdc"));
        raised.Add(("reported", "duty_leader"));
        Assert.Empty(Due(IncidentKind.StaffSymptoms, 39, raised: raised));
    }

    [Fact]
    public void A_late_pass_raises_one_level_per_deadline_not_the_whole_chain()
    {
        Assert.Equal(
            [("isolated", "duty_leader", At(10)), ("reported", "duty_leader", At(30)), ("hospital_notified", "duty_leader", At(60))],
            Due(IncidentKind.AbnormalScreening, 500));
    }

    [Fact]
    public void A_deadline_met_raises_nothing_even_when_met_late()
    {
        HashSet<string> met = ["isolated", "reported", "hospital_notified"];
        Assert.Empty(Due(IncidentKind.AbnormalScreening, 500, met: met, raised: new HashSet<(string, string)> { ("isolated", "duty_leader") }));
        Assert.Equal([("reported", "duty_leader", At(30))], Due(IncidentKind.Refusal, 70, met: new HashSet<string> { "isolated" }));
    }

    [Fact]
    public void A_case_notice_is_held_to_reported_only()
    {
        Assert.Empty(Due(IncidentKind.CaseNotice, 29));
        Assert.Equal([("reported", "duty_leader", At(30))], Due(IncidentKind.CaseNotice, 100));
    }

    [Fact]
    public void The_policy_sets_the_minutes_and_the_interval()
    {
        var policy = new IncidentPolicy
        {
            HallId = "qingpu",
            Version = 2,
            IsolatedWithinMinutes = 5,
            ReportedWithinMinutes = 20,
            HospitalNotifiedWithinMinutes = 45,
            EscalationIntervalMinutes = 3,
            RecordsHoldDays = 28,
        };
        Assert.Equal([("isolated", "street_office", At(8))], Due(IncidentKind.Refusal, 8, raised: new HashSet<(string, string)> { ("isolated", "duty_leader") }, policy: policy));
    }

    [Fact]
    public void The_version_in_force_at_opening_is_the_latest_begun_by_then_else_the_defaults()
    {
        static IncidentPolicy Version(int v, DateTimeOffset from) => new() { HallId = "qingpu", Version = v, EffectiveFrom = from, IsolatedWithinMinutes = v };
        var versions = new[] { Version(1, At(-60)), Version(2, At(0)), Version(3, At(5)) };
        Assert.Equal(2, IncidentPolicies.InForce("qingpu", versions, Opened).Version);
        Assert.Equal(0, IncidentPolicies.InForce("qingpu", versions, At(-61)).Version);
        Assert.Equal(10, IncidentPolicies.InForce("qingpu", [], Opened).IsolatedWithinMinutes);
    }

    [Fact]
    public void A_case_notice_goes_opened_reported_closed_and_the_others_through_every_step()
    {
        Assert.Equal(["reported"], IncidentStates.NextSteps(IncidentKind.CaseNotice, IncidentState.Opened));
        Assert.Equal(["closed"], IncidentStates.NextSteps(IncidentKind.CaseNotice, IncidentState.Reported));
        Assert.Null(IncidentStates.Before(IncidentKind.CaseNotice, IncidentState.Isolated));
        Assert.Null(IncidentStates.Before(IncidentKind.CaseNotice, IncidentState.Transferred));
        Assert.Equal(IncidentState.Reported, IncidentStates.Before(IncidentKind.CaseNotice, IncidentState.Closed));
        Assert.Equal(["isolated"], IncidentStates.NextSteps(IncidentKind.Refusal, IncidentState.Opened));
        Assert.Equal(IncidentState.Transferred, IncidentStates.Before(IncidentKind.AbnormalScreening, IncidentState.Closed));
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(10, 1)]
    [InlineData(20, 2)]
    [InlineData(29.9, 2)]
    [InlineData(0, 1)]
    public void An_isolation_zone_has_a_place_per_ten_square_metres_at_least_one(double area, int places) =>
        Assert.Equal(places, IsolationZones.Places(new CivicHall.Contracts.Halls.V1.HallZone("iso", "isolation", "隔离室", (decimal)area)));
}
