using CivicHall.Contracts.Screening.V1;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Policies;

namespace CivicHall.UnitTests.Screening;

/// <summary>
/// The entrance rules of the hall plans, case by case: each case is one person at the door, changed from
/// a visitor who passes every check, with the decision and the rule that must decide it.
/// </summary>
public sealed class ScreeningRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Booked 09:45–10:15 today, an adult, green code, tested 24 h ago, 36.5 °C, masked.</summary>
    private static readonly ScreeningFacts Visitor = new()
    {
        PersonKind = PersonKinds.Visitor,
        At = Now,
        Age = 35,
        HealthCode = HealthCodes.Green,
        TestAt = Now.AddHours(-24),
        TestResult = TestResults.Negative,
        TemperatureC = 36.5m,
        Mask = true,
        Bookings = [new BookedVisit(Now.AddMinutes(-15), Now.AddMinutes(15), GreenChannel: false)],
    };

    private static ScreeningPolicy Policy(
        int visitorTestHours = 48, string mask = MaskRules.Refuse, bool booking = true, int? staffAntigenHours = null, bool withCouriers = true,
        bool staffBooster = false, int boosterDoses = 3) =>
        new()
        {
            HallId = "qingpu",
            Version = 1,
            EffectiveFrom = Now.AddDays(-1),
            Kinds =
            [
                new(PersonKinds.Visitor, visitorTestHours, null, false),
                new(PersonKinds.Staff, 24, staffAntigenHours, false, staffBooster, boosterDoses),
                .. withCouriers ? [new PersonKindRules(PersonKinds.Courier, 48, null, true)] : Array.Empty<PersonKindRules>(),
                new(PersonKinds.Agent, 48, null, false),
            ],
            RetestAtC = 37.3m,
            IsolateAboveC = 37.5m,
            MaskRule = mask,
            BookingRequired = booking,
            BookingEarlyMinutes = 30,
            BookingLateMinutes = 15,
            SpecialGroupsWalkIn = true,
            ExemptUnderAge = 18,
            ExemptFromAge = 60,
            ExemptRegisteredDisabled = true,
            SpotAntigenMinutes = 60,
            RetentionDays = 28,
        };

    private sealed record Case(ScreeningFacts Facts, string Outcome, string? Rule, ScreeningPolicy? Policy = null, string? Measure = null);

    private static readonly DateTimeOffset SlotStart = Now.AddMinutes(-15);
    private static readonly DateTimeOffset SlotEnd = Now.AddMinutes(15);

    private static ScreeningFacts Courier => Visitor with { PersonKind = PersonKinds.Courier, Bookings = [] };

    private static ScreeningFacts Staff => Visitor with { PersonKind = PersonKinds.Staff, Bookings = [] };

    /// <summary>A staff member whose health file records <paramref name="doses"/> doses (null: no file).</summary>
    private static ScreeningFacts Vaccinated(int? doses, bool exempt = false) => Staff with { VaccinationDoses = doses, VaccinationExempt = exempt };

    private static readonly ScreeningPolicy Booster = Policy(staffBooster: true);

    private static ScreeningFacts Unbooked => Visitor with { Bookings = [] };

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        // Everything in order.
        ["visitor passing every check is admitted"] = new(Visitor, Outcomes.Admit, null),

        // Health code (随申码 / 场所码 / 数字哨兵).
        ["red code: isolate"] = new(Visitor with { HealthCode = HealthCodes.Red }, Outcomes.Isolate, "health_code.red", Measure: Measures.ToIsolationArea),
        ["yellow code: isolate"] = new(Visitor with { HealthCode = HealthCodes.Yellow }, Outcomes.Isolate, "health_code.yellow"),
        ["adult without a code: deny"] = new(Visitor with { HealthCode = HealthCodes.None }, Outcomes.Deny, "health_code.missing"),
        ["17 with ID and offline code: manual check"] = new(Visitor with { Age = 17, HealthCode = HealthCodes.None, OfflineCode = true }, Outcomes.ManualCheck, "exemption.offline_code", Measure: Measures.IdentityCheckedByScreener),
        ["18 with offline code is not exempt: deny"] = new(Visitor with { Age = 18, HealthCode = HealthCodes.None, OfflineCode = true }, Outcomes.Deny, "health_code.missing"),
        ["59 with offline code is not exempt: deny"] = new(Visitor with { Age = 59, HealthCode = HealthCodes.None, OfflineCode = true }, Outcomes.Deny, "health_code.missing"),
        ["60 with offline code: manual check"] = new(Visitor with { Age = 60, HealthCode = HealthCodes.None, OfflineCode = true }, Outcomes.ManualCheck, "exemption.offline_code"),
        ["registered disabled with offline code: manual check"] = new(Visitor with { RegisteredDisabled = true, HealthCode = HealthCodes.None, OfflineCode = true }, Outcomes.ManualCheck, "exemption.offline_code"),
        ["70 without the offline code: deny"] = new(Visitor with { Age = 70, HealthCode = HealthCodes.None }, Outcomes.Deny, "health_code.missing"),
        ["exempt with offline code but a red code is still isolated"] = new(Visitor with { Age = 70, HealthCode = HealthCodes.Red, OfflineCode = true }, Outcomes.Isolate, "health_code.red"),

        // Nucleic-acid test age, at and around the limits.
        ["visitor test 47 h 59 min old: admit"] = new(Visitor with { TestAt = Now.AddHours(-48).AddMinutes(1) }, Outcomes.Admit, null),
        ["visitor test exactly 48 h old: admit"] = new(Visitor with { TestAt = Now.AddHours(-48) }, Outcomes.Admit, null),
        ["visitor test 48 h 1 min old: deny"] = new(Visitor with { TestAt = Now.AddHours(-48).AddMinutes(-1) }, Outcomes.Deny, "test.expired"),
        ["visitor without a test: deny"] = new(Visitor with { TestAt = null, TestResult = null }, Outcomes.Deny, "test.missing"),
        ["positive test: isolate"] = new(Visitor with { TestResult = TestResults.Positive }, Outcomes.Isolate, "test.positive"),
        ["72 h hall: test 71 h old admits"] = new(Visitor with { TestAt = Now.AddHours(-71) }, Outcomes.Admit, null, Policy(visitorTestHours: 72)),
        ["72 h hall: test 73 h old denies"] = new(Visitor with { TestAt = Now.AddHours(-73) }, Outcomes.Deny, "test.expired", Policy(visitorTestHours: 72)),
        ["48 h hall: test 50 h old denies even for the elderly"] = new(Visitor with { Age = 75, TestAt = Now.AddHours(-50) }, Outcomes.Deny, "test.expired"),

        // Temperature: retest at 37.3, home observation up to 37.5, isolation above.
        ["36.9 °C: admit"] = new(Visitor with { TemperatureC = 36.9m }, Outcomes.Admit, null),
        ["37.2 °C: admit"] = new(Visitor with { TemperatureC = 37.2m }, Outcomes.Admit, null),
        ["37.3 °C first reading: retest"] = new(Visitor with { TemperatureC = 37.3m }, Outcomes.Retest, "temperature.retest"),
        ["37.4 °C first reading: retest"] = new(Visitor with { TemperatureC = 37.4m }, Outcomes.Retest, "temperature.retest"),
        ["38.5 °C first reading: retest before anything else"] = new(Visitor with { TemperatureC = 38.5m }, Outcomes.Retest, "temperature.retest"),
        ["retest 37.2 °C: admit"] = new(Visitor with { TemperatureC = 37.2m, IsRetest = true }, Outcomes.Admit, null),
        ["retest 37.3 °C: home observation"] = new(Visitor with { TemperatureC = 37.3m, IsRetest = true }, Outcomes.Deny, "temperature.home_observation", Measure: Measures.HomeObservation),
        ["retest 37.5 °C: home observation"] = new(Visitor with { TemperatureC = 37.5m, IsRetest = true }, Outcomes.Deny, "temperature.home_observation"),
        ["retest 37.6 °C: isolate"] = new(Visitor with { TemperatureC = 37.6m, IsRetest = true }, Outcomes.Isolate, "temperature.fever", Measure: Measures.ToIsolationArea),
        ["retest 37.4 °C with a cough: isolate"] = new(Visitor with { TemperatureC = 37.4m, IsRetest = true, Symptoms = ["cough"] }, Outcomes.Isolate, "symptoms"),
        ["cough at a normal temperature: isolate"] = new(Visitor with { Symptoms = ["cough"] }, Outcomes.Isolate, "symptoms"),

        // Mask.
        ["no mask where masks are required: deny"] = new(Visitor with { Mask = false }, Outcomes.Deny, "mask.missing"),
        ["no mask where one is handed out: admit with a mask"] = new(Visitor with { Mask = false }, Outcomes.Admit, null, Policy(mask: MaskRules.Provide), Measures.MaskProvided),

        // Booking for the current window (slot 09:45–10:15; 30 min early, 15 min late).
        ["no booking: deny"] = new(Unbooked, Outcomes.Deny, "booking.missing"),
        ["exactly 30 min before the slot: admit"] = new(Visitor with { At = SlotStart.AddMinutes(-30), TestAt = SlotStart.AddHours(-24) }, Outcomes.Admit, null),
        ["31 min before the slot: too early"] = new(Visitor with { At = SlotStart.AddMinutes(-31), TestAt = SlotStart.AddHours(-24) }, Outcomes.Deny, "booking.too_early"),
        ["15 min after the slot ended: admit"] = new(Visitor with { At = SlotEnd.AddMinutes(15) }, Outcomes.Admit, null),
        ["16 min after the slot ended: too late"] = new(Visitor with { At = SlotEnd.AddMinutes(16) }, Outcomes.Deny, "booking.too_late"),
        ["a green-channel booking in its window: admit"] = new(Visitor with { Bookings = [new BookedVisit(SlotStart, SlotEnd, GreenChannel: true)] }, Outcomes.Admit, null),
        ["elderly without a booking walk in"] = new(Unbooked with { Age = 65 }, Outcomes.Admit, null, Measure: Measures.WalkInSpecialGroup),
        ["disabled without a booking walk in"] = new(Unbooked with { RegisteredDisabled = true }, Outcomes.Admit, null, Measure: Measures.WalkInSpecialGroup),
        ["a minor is no walk-in group: deny"] = new(Unbooked with { Age = 16 }, Outcomes.Deny, "booking.missing"),
        ["hall without booking requirement: admit"] = new(Unbooked, Outcomes.Admit, null, Policy(booking: false)),

        // Agents (帮办代办) need no booking of their own, but the same tests.
        ["agent without a booking: admit"] = new(Unbooked with { PersonKind = PersonKinds.Agent }, Outcomes.Admit, null),
        ["agent with a 49 h test: deny"] = new(Unbooked with { PersonKind = PersonKinds.Agent, TestAt = Now.AddHours(-49) }, Outcomes.Deny, "test.expired"),

        // Staff: 24 h tests, no booking; some halls ask for antigen tests too.
        ["staff test 23 h old: admit"] = new(Staff with { TestAt = Now.AddHours(-23) }, Outcomes.Admit, null),
        ["staff test exactly 24 h old: admit"] = new(Staff with { TestAt = Now.AddHours(-24) }, Outcomes.Admit, null),
        ["staff test 25 h old: may not start the shift"] = new(Staff with { TestAt = Now.AddHours(-25) }, Outcomes.Deny, "test.expired", Measure: Measures.MayNotStartShift),
        ["staff antigen required and missing: deny"] = new(Staff, Outcomes.Deny, "antigen.missing", Policy(staffAntigenHours: 48)),
        ["staff antigen 47 h old: admit"] = new(Staff with { AntigenAt = Now.AddHours(-47), AntigenResult = TestResults.Negative }, Outcomes.Admit, null, Policy(staffAntigenHours: 48)),
        ["staff antigen 49 h old: deny"] = new(Staff with { AntigenAt = Now.AddHours(-49), AntigenResult = TestResults.Negative }, Outcomes.Deny, "antigen.expired", Policy(staffAntigenHours: 48)),
        ["staff with fever on retest: isolate, no shift"] = new(Staff with { TemperatureC = 38.1m, IsRetest = true }, Outcomes.Isolate, "temperature.fever", Measure: Measures.MayNotStartShift),

        // Staff booster (Qingpu): off by default; where required, the doses on the health file, unless exempted.
        ["booster not required: staff with two doses admitted"] = new(Vaccinated(2), Outcomes.Admit, null),
        ["booster not required: staff without a file admitted"] = new(Vaccinated(null), Outcomes.Admit, null),
        ["booster required: three doses admitted"] = new(Vaccinated(3), Outcomes.Admit, null, Booster),
        ["booster required: four doses admitted"] = new(Vaccinated(4), Outcomes.Admit, null, Booster),
        ["booster required: two doses may not start the shift"] = new(Vaccinated(2), Outcomes.Deny, "vaccination.booster_missing", Booster, Measures.MayNotStartShift),
        ["booster required: no doses denied"] = new(Vaccinated(0), Outcomes.Deny, "vaccination.booster_missing", Booster, Measures.MayNotStartShift),
        ["booster required: no health file, no vaccination on record"] = new(Vaccinated(null), Outcomes.Deny, "vaccination.booster_missing", Booster),
        ["booster required: two doses but exempted admitted"] = new(Vaccinated(2, exempt: true), Outcomes.Admit, null, Booster),
        ["booster required: unvaccinated but exempted admitted"] = new(Vaccinated(0, exempt: true), Outcomes.Admit, null, Booster),
        ["booster of four doses: three are not enough"] = new(Vaccinated(3), Outcomes.Deny, "vaccination.booster_missing", Policy(staffBooster: true, boosterDoses: 4)),
        ["booster required and an expired test: the test decides, both reported"] = new(Vaccinated(2) with { TestAt = Now.AddHours(-25) }, Outcomes.Deny, "test.expired", Booster),
        ["booster required and fever on retest: isolate"] = new(Vaccinated(2) with { TemperatureC = 38.1m, IsRetest = true }, Outcomes.Isolate, "temperature.fever", Booster),
        ["staff booster asks nothing of visitors"] = new(Visitor, Outcomes.Admit, null, Booster),

        ["positive antigen: isolate"] = new(Visitor with { AntigenAt = Now.AddMinutes(-10), AntigenResult = TestResults.Positive }, Outcomes.Isolate, "antigen.positive"),

        // Couriers (快递、外卖): a failed check is answered with an antigen test on the spot.
        ["courier with a valid test: admit"] = new(Courier, Outcomes.Admit, null),
        ["courier with an old test: antigen on the spot"] = new(Courier with { TestAt = Now.AddHours(-60) }, Outcomes.Retest, "test.expired", Measure: Measures.AntigenOnTheSpot),
        ["courier with an old test and a negative antigen 10 min ago: admit"] = new(Courier with { TestAt = Now.AddHours(-60), AntigenAt = Now.AddMinutes(-10), AntigenResult = TestResults.Negative }, Outcomes.Admit, null),
        ["courier's antigen 61 min ago no longer counts"] = new(Courier with { TestAt = Now.AddHours(-60), AntigenAt = Now.AddMinutes(-61), AntigenResult = TestResults.Negative }, Outcomes.Retest, "test.expired"),
        ["courier's antigen on the spot positive: isolate"] = new(Courier with { TestAt = Now.AddHours(-60), AntigenAt = Now.AddMinutes(-5), AntigenResult = TestResults.Positive }, Outcomes.Isolate, "antigen.positive"),
        ["courier without a code: antigen on the spot"] = new(Courier with { HealthCode = HealthCodes.None }, Outcomes.Retest, "health_code.missing", Measure: Measures.AntigenOnTheSpot),
        ["courier without a code, negative antigen: admit"] = new(Courier with { HealthCode = HealthCodes.None, AntigenAt = Now.AddMinutes(-5), AntigenResult = TestResults.Negative }, Outcomes.Admit, null),
        ["courier with a yellow code is isolated, not tested"] = new(Courier with { HealthCode = HealthCodes.Yellow }, Outcomes.Isolate, "health_code.yellow"),
        ["a hall that takes no couriers: deny"] = new(Courier, Outcomes.Deny, "kind.not_admitted", Policy(withCouriers: false)),

        // Several findings: the most severe decides, all are reported.
        ["red code and no booking: isolate"] = new(Unbooked with { HealthCode = HealthCodes.Red }, Outcomes.Isolate, "health_code.red"),
        ["37.8 °C and no mask: retest first"] = new(Visitor with { TemperatureC = 37.8m, Mask = false }, Outcomes.Retest, "temperature.retest"),
        ["no mask and no booking: deny on the mask first"] = new(Unbooked with { Mask = false }, Outcomes.Deny, "mask.missing"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_case_gets_its_decision_from_the_rule_it_names(string name)
    {
        var @case = Cases[name];
        var decision = ScreeningRules.Decide(@case.Policy ?? Policy(), @case.Facts);

        Assert.Equal(@case.Outcome, decision.Outcome);
        Assert.Equal(@case.Rule, decision.Decisive?.Rule);
        if (@case.Measure is not null)
        {
            Assert.Contains(@case.Measure, decision.Measures);
        }
    }

    /// <summary>Every rule <see cref="ScreeningRules"/> reports a finding by, as its source spells them.</summary>
    private static readonly string[] Rules =
    [
        "kind.not_admitted", "health_code.red", "health_code.yellow", "health_code.missing", "exemption.offline_code",
        "temperature.retest", "temperature.fever", "temperature.home_observation", "symptoms",
        "test.positive", "test.missing", "test.expired", "antigen.positive", "antigen.missing", "antigen.expired",
        "vaccination.booster_missing", "mask.missing", "booking.too_early", "booking.too_late", "booking.missing",
    ];

    /// <summary>
    /// The cases cover the rules, not merely a count of rows: every outcome and every measure the rules
    /// know (their constants) comes out of some case, every rule above decides some case, and no case
    /// meets a rule the list does not know (a new rule without a case of its own fails here).
    /// </summary>
    [Fact]
    public void Every_outcome_measure_and_rule_decides_some_case()
    {
        var decisions = Cases.Values.Select(c => ScreeningRules.Decide(c.Policy ?? Policy(), c.Facts)).ToList();

        Assert.Empty(Constants(typeof(Outcomes)).Except(decisions.Select(d => d.Outcome)));
        Assert.Empty(Constants(typeof(Measures)).Except(decisions.SelectMany(d => d.Measures)));
        Assert.Empty(Rules.Except(decisions.Select(d => d.Decisive?.Rule).OfType<string>()));
        Assert.Empty(decisions.SelectMany(d => d.Findings).Select(f => f.Rule).Except(Rules));
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_finding_is_reported_not_just_the_deciding_one()
    {
        var decision = ScreeningRules.Decide(Policy(), Unbooked with { HealthCode = HealthCodes.Red, Mask = false, TestAt = Now.AddHours(-50) });

        Assert.Equal(Outcomes.Isolate, decision.Outcome);
        Assert.Equal(["health_code.red", "test.expired", "mask.missing", "booking.missing"], decision.Findings.Select(f => f.Rule));
        Assert.Contains(Measures.ToIsolationArea, decision.Measures);
    }

    [Fact]
    public void A_missing_booster_is_reported_beside_the_finding_that_decides()
    {
        var decision = ScreeningRules.Decide(Booster, Vaccinated(2) with { TestAt = Now.AddHours(-25) });

        Assert.Equal(["test.expired", "vaccination.booster_missing"], decision.Findings.Select(f => f.Rule));
        Assert.Contains(Measures.MayNotStartShift, decision.Measures);
    }

    [Fact]
    public void Only_staff_who_fail_are_kept_from_their_shift()
    {
        Assert.DoesNotContain(Measures.MayNotStartShift, ScreeningRules.Decide(Policy(), Staff).Measures);
        Assert.DoesNotContain(Measures.MayNotStartShift, ScreeningRules.Decide(Policy(), Unbooked).Measures);
    }

    [Fact]
    public void An_admitted_person_has_no_findings_and_no_measures()
    {
        var decision = ScreeningRules.Decide(Policy(), Visitor);

        Assert.Equal((Outcomes.Admit, 0, 0), (decision.Outcome, decision.Findings.Count, decision.Measures.Count));
        Assert.Null(decision.Decisive);
    }
}
