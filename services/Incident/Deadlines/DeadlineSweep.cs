using CivicHall.Incident.Cases;
using CivicHall.Incident.Policies;
using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Incident.Deadlines;

public sealed class DeadlineSweepOptions
{
    /// <summary>How often open cases are checked against their deadlines.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Open cases (opened, isolated or reported: a case handed over or closed is past its deadlines) whose deadline passed
/// with the step or action not taken raise <c>IncidentEscalated</c> along the chain of <see cref="DeadlineRules"/>,
/// under the incident policy version in force when the case opened. Each level is a row keyed (case, deadline,
/// level), inserted with <c>ON CONFLICT DO NOTHING</c> in the same transaction as its event: replicas and a sweep run
/// twice never raise a level twice.
/// </summary>
public sealed class DeadlineSweep(IOptions<DeadlineSweepOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<DeadlineSweep> logger)
    : PeriodicSweep(options.Value.Interval, scopeFactory, timeProvider, logger)
{
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncidentDbContext>();
        var open = await db.Incidents.AsNoTracking()
            .Where(c => (c.State == IncidentState.Opened || c.State == IncidentState.Isolated || c.State == IncidentState.Reported) && c.OpenedAt <= now)
            .OrderBy(c => c.OpenedAt).ThenBy(c => c.IncidentId)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return 0;
        }

        var ids = open.Select(c => c.IncidentId).ToList();
        var halls = open.Select(c => c.HallId).Distinct().ToList();
        var policies = (await db.Policies.AsNoTracking().Where(p => halls.Contains(p.HallId)).ToListAsync(cancellationToken)).ToLookup(p => p.HallId);
        var steps = (await db.IncidentSteps.AsNoTracking().Where(s => ids.Contains(s.IncidentId)).Select(s => new { s.IncidentId, s.Step }).ToListAsync(cancellationToken))
            .ToLookup(s => s.IncidentId, s => s.Step);
        var actions = (await db.Actions.AsNoTracking().Where(a => ids.Contains(a.IncidentId)).Select(a => new { a.IncidentId, a.Action }).ToListAsync(cancellationToken))
            .ToLookup(a => a.IncidentId, a => a.Action);
        var raised = (await db.Escalations.AsNoTracking().Where(e => ids.Contains(e.IncidentId)).Select(e => new { e.IncidentId, e.Deadline, e.Level }).ToListAsync(cancellationToken))
            .ToLookup(e => e.IncidentId, e => (e.Deadline, e.Level));

        var count = 0;
        foreach (var incident in open)
        {
            var policy = IncidentPolicies.InForce(incident.HallId, policies[incident.HallId], incident.OpenedAt);
            var met = Met(steps[incident.IncidentId], actions[incident.IncidentId]);
            var due = DeadlineRules.Due(incident.Kind, incident.OpenedAt, policy, met, raised[incident.IncidentId].ToHashSet(), now);
            if (due.Count > 0)
            {
                count += await RaiseAsync(db, incident, due, policy.Version, now, cancellationToken);
            }
        }

        return count;
    }

    /// <summary>The deadlines a case has met: its steps taken and its hospital notified.</summary>
    private static HashSet<string> Met(IEnumerable<IncidentState> steps, IEnumerable<string> actions)
    {
        var met = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (step == IncidentState.Isolated)
            {
                met.Add(EscalationDeadlines.Isolated);
            }
            else if (step == IncidentState.Reported)
            {
                met.Add(EscalationDeadlines.Reported);
            }
        }

        if (actions.Contains(IncidentActions.HospitalNotified))
        {
            met.Add(EscalationDeadlines.HospitalNotified);
        }

        return met;
    }

    private async Task<int> RaiseAsync(IncidentDbContext db, IncidentCase incident, IReadOnlyList<DueEscalation> due, int policyVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var raised = 0;
        foreach (var escalation in due)
        {
            if (await IncidentStore.RaiseAsync(db, incident, escalation.Deadline, escalation.Level, escalation.DueAt, policyVersion, now, TimeProvider, cancellationToken))
            {
                raised++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return raised;
    }
}
