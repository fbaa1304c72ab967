using System.Globalization;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Screening.Policies;

namespace CivicHall.Screening.Decisions;

/// <summary>
/// The entrance rules of the hall plans (DESIGN §4 screening), as a pure function of a policy version and
/// the facts of one reading. Every check that does not simply pass adds a finding naming its rule; the
/// most severe finding decides (isolate › retest › deny › manual_check › admit), and all of them are
/// returned so that the screener sees every reason, not just the first.
/// </summary>
public static class ScreeningRules
{
    public static ScreeningDecision Decide(ScreeningPolicy policy, ScreeningFacts facts)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(facts);
        var findings = new List<Finding>();
        var measures = new List<string>();

        var rules = policy.For(facts.PersonKind);
        if (rules is null)
        {
            findings.Add(new(Outcomes.Deny, "kind.not_admitted", $"This hall's policy admits no {facts.PersonKind}."));
            return Conclude(findings, measures);
        }

        var exempt = facts.Age < policy.ExemptUnderAge || facts.Age >= policy.ExemptFromAge || (facts.RegisteredDisabled && policy.ExemptRegisteredDisabled);
        var spotAntigen = rules.AntigenOnTheSpot && facts.AntigenResult == TestResults.Negative && facts.AntigenAt is { } antigenAt
            && antigenAt <= facts.At && facts.At - antigenAt <= TimeSpan.FromMinutes(policy.SpotAntigenMinutes);

        // A failed code or test check: denied, or for couriers answered with an antigen test at the door.
        void Failed(string rule, string reason)
        {
            if (!rules.AntigenOnTheSpot)
            {
                findings.Add(new(Outcomes.Deny, rule, reason));
            }
            else if (!spotAntigen)
            {
                findings.Add(new(Outcomes.Retest, rule, reason + " An antigen test is taken on the spot."));
                measures.Add(Measures.AntigenOnTheSpot);
            }
        }

        CheckHealthCode(facts, exempt, findings, measures, Failed);
        CheckTemperature(policy, facts, findings, measures);
        CheckTests(facts, rules, findings, Failed);
        CheckVaccination(facts, rules, findings);
        CheckMask(policy, facts, findings, measures);
        CheckBooking(policy, facts, findings, measures);
        var decision = Conclude(findings, measures);

        // Staff who fail the daily check-in may not start their shift (上岗).
        return facts.PersonKind == PersonKinds.Staff && decision.Outcome is Outcomes.Deny or Outcomes.Isolate
            ? decision with { Measures = [.. decision.Measures, Measures.MayNotStartShift] }
            : decision;
    }

    private static void CheckHealthCode(ScreeningFacts facts, bool exempt, List<Finding> findings, List<string> measures, Action<string, string> failed)
    {
        switch (facts.HealthCode)
        {
            case HealthCodes.Red:
                findings.Add(new(Outcomes.Isolate, "health_code.red", "Red health code."));
                break;
            case HealthCodes.Yellow:
                findings.Add(new(Outcomes.Isolate, "health_code.yellow", "Yellow health code."));
                break;
            case HealthCodes.None when exempt && facts.OfflineCode:
                findings.Add(new(Outcomes.ManualCheck, "exemption.offline_code", "Exempt from showing a live code: a screener checks the ID and the offline code."));
                measures.Add(Measures.IdentityCheckedByScreener);
                break;
            case HealthCodes.None:
                failed("health_code.missing", "No health code shown.");
                break;
        }
    }

    private static void CheckTemperature(ScreeningPolicy policy, ScreeningFacts facts, List<Finding> findings, List<string> measures)
    {
        var reading = facts.TemperatureC.ToString("0.0", CultureInfo.InvariantCulture);
        if (!facts.IsRetest)
        {
            if (facts.TemperatureC >= policy.RetestAtC)
            {
                findings.Add(new(Outcomes.Retest, "temperature.retest", $"{reading} °C is at or above {policy.RetestAtC} °C: take it again."));
            }
        }
        else if (facts.TemperatureC > policy.IsolateAboveC)
        {
            findings.Add(new(Outcomes.Isolate, "temperature.fever", $"Retest {reading} °C is above {policy.IsolateAboveC} °C."));
        }
        else if (facts.TemperatureC >= policy.RetestAtC)
        {
            findings.Add(new(Outcomes.Deny, "temperature.home_observation", $"Retest {reading} °C is from {policy.RetestAtC} to {policy.IsolateAboveC} °C: home medical observation."));
            measures.Add(Measures.HomeObservation);
        }

        if (facts.Symptoms.Count > 0)
        {
            findings.Add(new(Outcomes.Isolate, "symptoms", $"Symptoms: {string.Join(", ", facts.Symptoms)}."));
        }
    }

    private static void CheckTests(ScreeningFacts facts, PersonKindRules rules, List<Finding> findings, Action<string, string> failed)
    {
        if (facts.TestResult == TestResults.Positive)
        {
            findings.Add(new(Outcomes.Isolate, "test.positive", "Positive nucleic-acid test."));
        }
        else if (rules.TestValidityHours is { } testHours)
        {
            if (facts.TestAt is not { } testAt)
            {
                failed("test.missing", $"A negative nucleic-acid test within {testHours} h is required.");
            }
            else if (facts.At - testAt > TimeSpan.FromHours(testHours))
            {
                failed("test.expired", $"The nucleic-acid test is {Hours(facts.At - testAt)} h old; at most {testHours} h.");
            }
        }

        if (facts.AntigenResult == TestResults.Positive)
        {
            findings.Add(new(Outcomes.Isolate, "antigen.positive", "Positive antigen test."));
        }
        else if (rules.AntigenValidityHours is { } antigenHours)
        {
            if (facts.AntigenAt is not { } antigenAt)
            {
                findings.Add(new(Outcomes.Deny, "antigen.missing", $"A negative antigen test within {antigenHours} h is required."));
            }
            else if (facts.At - antigenAt > TimeSpan.FromHours(antigenHours))
            {
                findings.Add(new(Outcomes.Deny, "antigen.expired", $"The antigen test is {Hours(facts.At - antigenAt)} h old; at most {antigenHours} h."));
            }
        }
    }

    /// <summary>Staff need the booster where the hall requires it, unless exempted (接种禁忌, recorded by a duty leader).</summary>
    private static void CheckVaccination(ScreeningFacts facts, PersonKindRules rules, List<Finding> findings)
    {
        if (!rules.BoosterRequired || facts.VaccinationExempt)
        {
            return;
        }

        if (facts.VaccinationDoses is not { } doses)
        {
            findings.Add(new(Outcomes.Deny, "vaccination.booster_missing", $"No vaccination on record (no health file); {rules.BoosterDoses} doses are required."));
        }
        else if (doses < rules.BoosterDoses)
        {
            findings.Add(new(Outcomes.Deny, "vaccination.booster_missing", $"{doses} doses on record; {rules.BoosterDoses} are required (the booster) unless exempted."));
        }
    }

    private static void CheckMask(ScreeningPolicy policy, ScreeningFacts facts, List<Finding> findings, List<string> measures)
    {
        if (facts.Mask)
        {
            return;
        }

        if (policy.MaskRule == MaskRules.Provide)
        {
            measures.Add(Measures.MaskProvided);
        }
        else
        {
            findings.Add(new(Outcomes.Deny, "mask.missing", "A mask is required."));
        }
    }

    private static void CheckBooking(ScreeningPolicy policy, ScreeningFacts facts, List<Finding> findings, List<string> measures)
    {
        if (!policy.BookingRequired || facts.PersonKind != PersonKinds.Visitor)
        {
            return;
        }

        var early = TimeSpan.FromMinutes(policy.BookingEarlyMinutes);
        var late = TimeSpan.FromMinutes(policy.BookingLateMinutes);
        if (facts.Bookings.Any(b => facts.At >= b.SlotStartsAt - early && facts.At <= b.SlotEndsAt + late))
        {
            return;
        }

        if (policy.SpecialGroupsWalkIn && (facts.Age >= policy.ExemptFromAge || facts.RegisteredDisabled))
        {
            measures.Add(Measures.WalkInSpecialGroup);
            return;
        }

        if (facts.Bookings.Any(b => facts.At < b.SlotStartsAt - early))
        {
            findings.Add(new(Outcomes.Deny, "booking.too_early", $"The booked slot opens to visitors {policy.BookingEarlyMinutes} min before it starts."));
        }
        else if (facts.Bookings.Count > 0)
        {
            findings.Add(new(Outcomes.Deny, "booking.too_late", $"The booked slot admitted visitors until {policy.BookingLateMinutes} min after it ended."));
        }
        else
        {
            findings.Add(new(Outcomes.Deny, "booking.missing", "No booking at this hall today; book a slot first (预约办理)."));
        }
    }

    private static ScreeningDecision Conclude(List<Finding> findings, List<string> measures)
    {
        var outcome = findings.Count == 0 ? Outcomes.Admit : findings.MaxBy(f => Outcomes.Severity(f.Outcome))!.Outcome;
        if (outcome == Outcomes.Isolate)
        {
            measures.Add(Measures.ToIsolationArea);
        }

        return new ScreeningDecision(outcome, findings, [.. measures.Distinct(StringComparer.Ordinal)]);
    }

    private static string Hours(TimeSpan age) => age.TotalHours.ToString("0.#", CultureInfo.InvariantCulture);
}
