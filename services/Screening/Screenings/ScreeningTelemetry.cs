using System.Diagnostics;
using System.Diagnostics.Metrics;
using CivicHall.Screening.Decisions;

namespace CivicHall.Screening.Screenings;

/// <summary>
/// The screening service's metrics (meter <c>CivicHall.Screening</c>; ServiceDefaults exports <c>CivicHall.*</c>).
/// Tags: <c>hall</c>, <c>outcome</c>, <c>rule</c> and <c>person_kind</c>, each from a fixed set or the halls
/// screening knows; never a person.
/// </summary>
public static class ScreeningTelemetry
{
    public const string MeterName = "CivicHall.Screening";

    /// <summary>The <c>rule</c> of a decision no rule stood against (an admit without findings).</summary>
    public const string NoRule = "none";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "civichall.screening.decisions", unit: "{decision}",
        description: "Entrance decisions made (a replayed reading is not counted again), by outcome and the rule that decided it.");

    /// <summary>Counts a new decision of a reading at <paramref name="hallId"/>.</summary>
    public static void Decided(string hallId, string personKind, ScreeningDecision decision) =>
        Decisions.Add(1, DecisionTags(hallId, personKind, decision));

    /// <summary>
    /// The tags of a decision: its outcome and the rule of its decisive finding (the first of the most
    /// severe, <see cref="ScreeningDecision.Decisive"/>; <see cref="NoRule"/> when none decided it).
    /// </summary>
    public static TagList DecisionTags(string hallId, string personKind, ScreeningDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new TagList
        {
            { "hall", hallId },
            { "outcome", decision.Outcome },
            { "rule", decision.Decisive?.Rule ?? NoRule },
            { "person_kind", personKind },
        };
    }
}
