namespace CivicHall.Screening.Decisions;

/// <summary>
/// The answer at the door: the outcome, every finding that led to it (each naming the rule), and the
/// measures the screener takes (hand out a mask, an antigen test on the spot, home observation…).
/// </summary>
public sealed record ScreeningDecision(string Outcome, IReadOnlyList<Finding> Findings, IReadOnlyList<string> Measures)
{
    /// <summary>The finding that decided the outcome (the first of the most severe), or null on admit.</summary>
    public Finding? Decisive => Findings.FirstOrDefault(f => f.Outcome == Outcome);
}

/// <summary>One rule that did not simply pass: the outcome it asks for, its stable id and why.</summary>
public sealed record Finding(string Outcome, string Rule, string Reason);

public static class Outcomes
{
    public const string Admit = "admit";
    public const string ManualCheck = "manual_check";
    public const string Deny = "deny";
    public const string Retest = "retest";
    public const string Isolate = "isolate";

    private static readonly string[] BySeverity = [Admit, ManualCheck, Deny, Retest, Isolate];

    /// <summary>From least (admit) to most severe (isolate): the most severe finding decides.</summary>
    public static int Severity(string outcome) => Array.IndexOf(BySeverity, outcome);
}

public static class Measures
{
    public const string MaskProvided = "mask_provided";
    public const string AntigenOnTheSpot = "antigen_on_the_spot";
    public const string HomeObservation = "home_observation";
    public const string ToIsolationArea = "to_isolation_area";
    public const string IdentityCheckedByScreener = "identity_checked_by_screener";
    public const string WalkInSpecialGroup = "walk_in_special_group";
    public const string MayNotStartShift = "may_not_start_shift";
}
