using CivicHall.Contracts.Incidents.V1;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging.Outbox;

namespace CivicHall.Incident.Cases;

/// <summary>What a list of cases asks for: the hall, a state, page size and where the previous page ended.</summary>
public sealed record IncidentQuery(string HallId, IncidentState? State, int Limit, IncidentCursor? After);

/// <summary>What a step led to: taken, not taken because the case had moved, or not taken for want of an isolation place.</summary>
public enum StepOutcome
{
    Taken,
    Moved,
    IsolationFull,
}

/// <summary>An isolation zone and how many people it may hold; the policy version of the case (for an escalation when full).</summary>
public sealed record IsolationPlace(string ZoneId, int Places, int PolicyVersion);

/// <summary>
/// What a step does besides its own writes: count the isolation zone's places; for a close, publish
/// <c>IncidentClosed</c> with records held <see cref="RecordsHoldDays"/> past the close.
/// </summary>
public sealed record StepExtras(IsolationPlace? Isolation = null, int? RecordsHoldDays = null);

/// <summary>
/// The cases' reads and writes. A case moves on only by one conditional statement
/// (<c>UPDATE incident_cases SET state = next WHERE incident_id = … AND state = expected</c>), in the same
/// transaction as its timeline entry and its <see cref="IncidentStepRecorded"/> (outbox): of two requests taking
/// the same step at once exactly one changes the row; the other finds it moved.
/// </summary>
public static class IncidentStore
{
    /// <summary>Who opened an automatic case.</summary>
    public const string ScreeningSystem = "system:screening";

    public static Task<IncidentCase?> FindAsync(IncidentDbContext db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Incidents.AsNoTracking().SingleOrDefaultAsync(c => c.IncidentId == incidentId, cancellationToken);
    }

    public static Task<IncidentStepRecord?> FindStepAsync(IncidentDbContext db, Guid incidentId, IncidentState step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.IncidentSteps.AsNoTracking().SingleOrDefaultAsync(s => s.IncidentId == incidentId && s.Step == step, cancellationToken);
    }

    /// <summary>The case's timeline, in the lifecycle's order (which is also the order of time).</summary>
    public static async Task<List<IncidentStepRecord>> TimelineAsync(IncidentDbContext db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var steps = await db.IncidentSteps.AsNoTracking().Where(s => s.IncidentId == incidentId).ToListAsync(cancellationToken);
        return [.. steps.OrderBy(s => s.Step)];
    }

    /// <summary>A case opened by hand, its <c>opened</c> entry and <see cref="IncidentOpened"/>, added to be saved together.</summary>
    public static void AddOpened(IncidentDbContext db, IncidentCase incident, IncidentStepDetails details, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        db.Incidents.Add(incident);
        db.IncidentSteps.Add(new IncidentStepRecord
        {
            IncidentId = incident.IncidentId,
            Step = IncidentState.Opened,
            At = incident.OpenedAt,
            By = incident.OpenedBy,
            Details = details,
            Fingerprint = incident.Fingerprint,
        });
        db.AddIntegrationEvent(Opened(incident), timeProvider);
    }

    /// <summary>
    /// Opens the case of an abnormal reading, once per screening id: the insert does nothing when a case of that
    /// reading exists (the unique index on <c>screening_id</c>; a concurrent insert of the same reading waits for the
    /// other to commit, then does nothing). True when this call opened it (its entry and event are then added to
    /// <paramref name="db"/>, saved by the caller's transaction).
    /// </summary>
    public static async Task<bool> OpenFromScreeningAsync(IncidentDbContext db, AbnormalPersonDetected reading, DateTimeOffset now, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reading);
        var incident = IncidentCase.Open(Guid.CreateVersion7(now), reading.HallId, IncidentKind.AbnormalScreening, ScreeningSystem, now,
            personKey: reading.PersonKey, personKind: reading.PersonKind, screeningId: reading.ScreeningId);
        var kind = EnumText.Of(incident.Kind);
        var state = EnumText.Of(incident.State);
        var inserted = await db.Database.SqlQuery<Guid>(
                $"""
                INSERT INTO incident_cases (incident_id, hall_id, kind, state, person_key, person_kind, screening_id, opened_at, opened_by, updated_at)
                VALUES ({incident.IncidentId}, {incident.HallId}, {kind}, {state}, {incident.PersonKey}, {incident.PersonKind}, {incident.ScreeningId}, {now}, {incident.OpenedBy}, {now})
                ON CONFLICT (screening_id) DO NOTHING
                RETURNING incident_id AS "Value"
                """)
            .ToListAsync(cancellationToken);
        if (inserted.Count == 0)
        {
            return false;
        }

        db.IncidentSteps.Add(new IncidentStepRecord
        {
            IncidentId = incident.IncidentId,
            Step = IncidentState.Opened,
            At = now,
            By = ScreeningSystem,
            Details = new IncidentStepDetails { Rules = reading.Rules, TemperatureC = reading.TemperatureC },
        });
        db.AddIntegrationEvent(Opened(incident), timeProvider);
        return true;
    }

    /// <summary>
    /// Takes a step: the case's row changes only if it is still in the state the step starts from; then its timeline
    /// entry and <see cref="IncidentStepRecorded"/> (and a close's <see cref="IncidentClosed"/>), all in one transaction.
    /// <see cref="StepOutcome.Moved"/> when it was not (another request took this or another step first): nothing is
    /// written. An isolation into a zone of <see cref="IsolationPlace"/> is taken under the zone's advisory lock with
    /// the case's row locked: when the zone already holds its places, the case stays <c>opened</c> and the duty
    /// leader is told once (<see cref="StepOutcome.IsolationFull"/>, <c>IncidentEscalated</c> <c>isolation_full</c>).
    /// </summary>
    public static async Task<StepOutcome> StepAsync(
        IncidentDbContext db, IncidentCase incident, IncidentState to, string by, DateTimeOffset now, IncidentStepDetails details, string fingerprint,
        TimeProvider timeProvider, CancellationToken cancellationToken, StepExtras? extras = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        var from = IncidentStates.Before(incident.Kind, to) ?? throw new ArgumentOutOfRangeException(nameof(to), to, "No step reaches this state.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (extras?.Isolation is { } place)
        {
            // Two isolations into the zone's last place at once: the lock lets one count and move at a time.
            var lockKey = $"incident-isolation:{incident.HallId}:{place.ZoneId}";
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockKey}, 0))", cancellationToken);
            var state = await db.Incidents.FromSql($"SELECT * FROM incident_cases WHERE incident_id = {incident.IncidentId} FOR UPDATE")
                .AsNoTracking().Select(c => c.State).SingleAsync(cancellationToken);
            if (state != from)
            {
                return StepOutcome.Moved;
            }

            var held = await db.Incidents.CountAsync(
                c => c.HallId == incident.HallId && c.IsolationZoneId == place.ZoneId && (c.State == IncidentState.Isolated || c.State == IncidentState.Reported),
                cancellationToken);
            if (held >= place.Places)
            {
                await RaiseAsync(db, incident, EscalationDeadlines.IsolationFull, EscalationLevels.DutyLeader, now, place.PolicyVersion, now, timeProvider, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return StepOutcome.IsolationFull;
            }
        }

        var isolationZone = extras?.Isolation?.ZoneId;
        var changed = await db.Incidents.Where(c => c.IncidentId == incident.IncidentId && c.State == from)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.State, to).SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.IsolationZoneId, c => isolationZone ?? c.IsolationZoneId),
                cancellationToken);
        if (changed != 1)
        {
            return StepOutcome.Moved;
        }

        db.IncidentSteps.Add(new IncidentStepRecord { IncidentId = incident.IncidentId, Step = to, At = now, By = by, Details = details, Fingerprint = fingerprint });
        db.AddIntegrationEvent(
            new IncidentStepRecorded(incident.IncidentId, incident.HallId, EnumText.Of(incident.Kind), EnumText.Of(to), by,
                to == IncidentState.Isolated ? details.ZoneId : null, details.Destination, details.Outcome, now),
            timeProvider);
        if (to == IncidentState.Closed && extras?.RecordsHoldDays is { } holdDays)
        {
            db.AddIntegrationEvent(
                new IncidentClosed(incident.IncidentId, incident.HallId, EnumText.Of(incident.Kind), details.Outcome ?? string.Empty, incident.PersonKey, now.AddDays(holdDays), now),
                timeProvider);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StepOutcome.Taken;
    }

    /// <summary>
    /// Raises one level of an escalation of a case, once: the row (case, deadline, level) is inserted unless it exists,
    /// and only the insert that made it adds <see cref="IncidentEscalated"/> to <paramref name="db"/> (saved by the
    /// caller's transaction). True when this call raised it.
    /// </summary>
    public static async Task<bool> RaiseAsync(
        IncidentDbContext db, IncidentCase incident, string deadline, string level, DateTimeOffset dueAt, int policyVersion, DateTimeOffset now,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        var inserted = await db.Database.SqlQuery<Guid>(
                $"""
                INSERT INTO incident_escalations (incident_id, deadline, level, hall_id, due_at, policy_version, raised_at)
                VALUES ({incident.IncidentId}, {deadline}, {level}, {incident.HallId}, {dueAt}, {policyVersion}, {now})
                ON CONFLICT (incident_id, deadline, level) DO NOTHING
                RETURNING incident_id AS "Value"
                """)
            .ToListAsync(cancellationToken);
        if (inserted.Count == 0)
        {
            return false;
        }

        db.AddIntegrationEvent(Escalated(incident, deadline, level, dueAt, policyVersion, now), timeProvider);
        return true;
    }

    /// <summary>An escalation of a case being opened (a refusal), added to be saved with it: no row can exist yet.</summary>
    public static void AddEscalation(IncidentDbContext db, IncidentCase incident, string deadline, string level, DateTimeOffset dueAt, int policyVersion, DateTimeOffset now, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        db.Escalations.Add(new IncidentEscalation
        {
            IncidentId = incident.IncidentId,
            Deadline = deadline,
            Level = level,
            HallId = incident.HallId,
            DueAt = dueAt,
            PolicyVersion = policyVersion,
            RaisedAt = now,
        });
        db.AddIntegrationEvent(Escalated(incident, deadline, level, dueAt, policyVersion, now), timeProvider);
    }

    /// <summary>The case as the API shows it: its steps, actions, escalations and police calls on one timeline.</summary>
    public static async Task<IncidentView> ViewAsync(IncidentDbContext db, IncidentCase incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        var id = incident.IncidentId;
        var steps = await TimelineAsync(db, id, cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => a.IncidentId == id).ToListAsync(cancellationToken);
        var escalations = await db.Escalations.AsNoTracking().Where(e => e.IncidentId == id).ToListAsync(cancellationToken);
        var calls = await db.PoliceCalls.AsNoTracking().Where(c => c.IncidentId == id).ToListAsync(cancellationToken);
        return IncidentView.From(incident, steps, actions, escalations, calls);
    }

    /// <summary>The case by id, as the API shows it, or null.</summary>
    public static async Task<IncidentView?> FindViewAsync(IncidentDbContext db, Guid incidentId, CancellationToken cancellationToken) =>
        await FindAsync(db, incidentId, cancellationToken) is { } incident ? await ViewAsync(db, incident, cancellationToken) : null;

    /// <summary>A page of a hall's cases, newest opened first (ties by id, descending), with the cursor for the next.</summary>
    public static async Task<IncidentList> ListAsync(IncidentDbContext db, IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        // After a cursor: a row comparison, the list's own order.
        var cases = (query.After is { } after
                ? db.Incidents.FromSql($"SELECT * FROM incident_cases WHERE (opened_at, incident_id) < ({after.OpenedAt}, {after.IncidentId})")
                : db.Incidents)
            .AsNoTracking().Where(c => c.HallId == query.HallId);
        if (query.State is { } state)
        {
            cases = cases.Where(c => c.State == state);
        }

        var page = await cases.OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.IncidentId).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > query.Limit ? new IncidentCursor(page[query.Limit - 1].OpenedAt, page[query.Limit - 1].IncidentId).Encode() : null;
        return new IncidentList([.. page.Take(query.Limit).Select(IncidentSummaryView.From)], next);
    }

    private static IncidentEscalated Escalated(IncidentCase incident, string deadline, string level, DateTimeOffset dueAt, int policyVersion, DateTimeOffset now) =>
        new(incident.IncidentId, incident.HallId, EnumText.Of(incident.Kind), deadline, level, dueAt, policyVersion, now);

    private static IncidentOpened Opened(IncidentCase incident) => new(
        incident.IncidentId, incident.HallId, EnumText.Of(incident.Kind), incident.PersonKey, incident.PersonKind, incident.ScreeningId,
        incident.ZoneId, incident.OpenedBy, incident.OpenedAt);
}
