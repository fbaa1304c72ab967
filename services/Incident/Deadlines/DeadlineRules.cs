using CivicHall.Incident.Cases;
using CivicHall.Incident.Policies;

namespace CivicHall.Incident.Deadlines;

/// <summary>A deadline of a case: what is to be done and by when.</summary>
public readonly record struct CaseDeadline(string Deadline, DateTimeOffset DueAt);

/// <summary>A level to raise now: the deadline missed, who is told, when the level fell due.</summary>
public readonly record struct DueEscalation(string Deadline, string Level, DateTimeOffset DueAt);

/// <summary>
/// The deadlines of a case and the escalations they call for (pure: the sweep gives it the case, its policy version,
/// what has been done and raised, and the time). Isolated and reported are counted from opening, hospital notified
/// too for abnormal readings and staff symptoms; a case notice (its person is not in the hall) has only reported.
/// A missed deadline climbs <c>duty_leader</c> (at the deadline) → <c>street_office</c> (+ interval) → <c>cdc</c>
/// (+ 2 intervals): each level once, the next only after the one before, so a sweep that ran late raises one level
/// per pass and never two at once. A deadline met (the step or action taken, however late) raises nothing more.
/// </summary>
public static class DeadlineRules
{
    public static IReadOnlyList<CaseDeadline> Deadlines(IncidentKind kind, DateTimeOffset openedAt, IncidentPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var isolated = new CaseDeadline(EscalationDeadlines.Isolated, openedAt.AddMinutes(policy.IsolatedWithinMinutes));
        var reported = new CaseDeadline(EscalationDeadlines.Reported, openedAt.AddMinutes(policy.ReportedWithinMinutes));
        var hospital = new CaseDeadline(EscalationDeadlines.HospitalNotified, openedAt.AddMinutes(policy.HospitalNotifiedWithinMinutes));
        return kind switch
        {
            IncidentKind.CaseNotice => [reported],
            IncidentKind.Refusal => [isolated, reported],
            _ => [isolated, reported, hospital],
        };
    }

    /// <summary>
    /// What to raise now, at most one level per deadline: the first level of the chain not raised yet, when its time
    /// has come. <paramref name="met"/> are the deadlines whose step or action is taken; <paramref name="raised"/> the
    /// (deadline, level) pairs raised before.
    /// </summary>
    public static IReadOnlyList<DueEscalation> Due(
        IncidentKind kind, DateTimeOffset openedAt, IncidentPolicy policy, IReadOnlySet<string> met, IReadOnlySet<(string Deadline, string Level)> raised, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(met);
        ArgumentNullException.ThrowIfNull(raised);
        var interval = TimeSpan.FromMinutes(policy.EscalationIntervalMinutes);
        var due = new List<DueEscalation>();
        foreach (var deadline in Deadlines(kind, openedAt, policy))
        {
            if (met.Contains(deadline.Deadline))
            {
                continue;
            }

            for (var i = 0; i < EscalationLevels.Chain.Count; i++)
            {
                var level = EscalationLevels.Chain[i];
                if (raised.Contains((deadline.Deadline, level)))
                {
                    continue;
                }

                var at = deadline.DueAt + (interval * i);
                if (at <= now)
                {
                    due.Add(new DueEscalation(deadline.Deadline, level, at));
                }

                break;
            }
        }

        return due;
    }
}
