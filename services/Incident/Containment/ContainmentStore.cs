using CivicHall.Contracts.Incidents.V1;
using CivicHall.Messaging.Outbox;

namespace CivicHall.Incident.Containment;

/// <summary>Why a containment write was refused (turned into its problem by <see cref="ContainmentRefusals"/>).</summary>
public enum ContainmentRefusal
{
    None,
    ZoneAlreadyClosed,
    SuspensionActive,
    NotSuspended,
    ResumptionPending,
    ZonesNotSanitized,
    NotPending,
}

/// <summary>What a write came to: done (<see cref="ContainmentRefusal.None"/>) or refused, with what the refusal names.</summary>
public sealed record ContainmentOutcome(ContainmentRefusal Refusal, Guid? Conflicting = null, IReadOnlyList<string>? Zones = null, string? State = null)
{
    public static ContainmentOutcome Done { get; } = new(ContainmentRefusal.None);
}

/// <summary>A page request of a hall's containment actions.</summary>
public sealed record ContainmentQuery(string HallId, ContainmentState? State, int Limit, ContainmentCursor? After);

/// <summary>
/// The reads and writes of containment actions. Every write of a hall's actions runs under the hall's advisory lock
/// (transaction-scoped), so the checks it makes (an open closure of the zone, an open suspension, unsanitized zones)
/// still hold when it commits; the partial unique indexes are the backstop. An action that takes effect writes its
/// participants' acknowledgement rows and its event in the same transaction.
/// </summary>
public static class ContainmentStore
{
    public static Task<ContainmentAction?> FindAsync(IncidentDbContext db, Guid containmentId, CancellationToken cancellationToken) =>
        db.ContainmentActions.AsNoTracking().SingleOrDefaultAsync(a => a.ContainmentId == containmentId, cancellationToken);

    public static Task<List<ContainmentAcknowledgement>> AcknowledgementsAsync(IncidentDbContext db, Guid containmentId, CancellationToken cancellationToken) =>
        db.ContainmentAcknowledgements.AsNoTracking().Where(a => a.ContainmentId == containmentId).ToListAsync(cancellationToken);

    public static async Task<ContainmentView?> ViewAsync(IncidentDbContext db, Guid containmentId, CancellationToken cancellationToken) =>
        await FindAsync(db, containmentId, cancellationToken) is { } action
            ? ContainmentView.From(action, await AcknowledgementsAsync(db, containmentId, cancellationToken))
            : null;

    /// <summary>The zones of the hall closed by a closure still <c>ordered</c> (not yet sanitized nor reopened), in order.</summary>
    public static Task<List<string>> UnsanitizedZonesAsync(IncidentDbContext db, string hallId, CancellationToken cancellationToken) =>
        db.ContainmentActions.Where(a => a.HallId == hallId && a.Kind == ContainmentKind.ZoneClosure && a.State == ContainmentState.Ordered)
            .Select(a => a.ZoneId!).Distinct().OrderBy(z => z).ToListAsync(cancellationToken);

    /// <summary>A zone closure, ordered at once: the action, its acknowledgements expected, and <c>ZoneClosureOrdered</c>.</summary>
    public static Task<ContainmentOutcome> OrderClosureAsync(IncidentDbContext db, ContainmentAction closure, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        InHallAsync(db, closure.HallId, async () =>
        {
            var open = await db.ContainmentActions.Where(a => a.HallId == closure.HallId && a.ZoneId == closure.ZoneId
                && a.Kind == ContainmentKind.ZoneClosure && a.State == ContainmentState.Ordered).Select(a => (Guid?)a.ContainmentId).FirstOrDefaultAsync(cancellationToken);
            if (open is not null)
            {
                return new ContainmentOutcome(ContainmentRefusal.ZoneAlreadyClosed, open);
            }

            db.ContainmentActions.Add(closure);
            Expect(db, closure, closure.RequestedAt);
            db.AddIntegrationEvent(
                new ZoneClosureOrdered(closure.IncidentId?.ToString() ?? string.Empty, closure.HallId, closure.ZoneId!, closure.Reason, closure.RequestedAt, closure.ContainmentId),
                timeProvider);
            return ContainmentOutcome.Done;
        }, cancellationToken);

    /// <summary>A suspension or resumption requested (nothing happens until it is approved).</summary>
    public static Task<ContainmentOutcome> RequestAsync(IncidentDbContext db, ContainmentAction request, CancellationToken cancellationToken) =>
        InHallAsync(db, request.HallId, async () =>
        {
            if (await RequestRefusalAsync(db, request, cancellationToken) is { } refused)
            {
                return refused;
            }

            db.ContainmentActions.Add(request);
            return ContainmentOutcome.Done;
        }, cancellationToken);

    /// <summary>
    /// A second person's approval: <c>requested → approved</c>, then the suspension takes effect
    /// (<c>OnSiteServiceSuspended</c>), or the resumption ends its suspension (<c>approved → resumed</c>) and takes
    /// effect (<c>OnSiteServiceResumed</c>, carrying the suspension's id as the contract says) once every closed zone
    /// is sanitized or the request overrides it.
    /// </summary>
    public static Task<ContainmentOutcome> ApproveAsync(
        IncidentDbContext db, ContainmentAction request, string by, DateTimeOffset now, string consentRef, string? notes, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        InHallAsync(db, request.HallId, async () =>
        {
            var current = await db.ContainmentActions.AsNoTracking().SingleAsync(a => a.ContainmentId == request.ContainmentId, cancellationToken);
            if (current.State != ContainmentState.Requested)
            {
                return new ContainmentOutcome(ContainmentRefusal.NotPending, State: EnumText.Of(current.State));
            }

            ContainmentAction? suspension = null;
            var zones = new List<string>();
            if (request.Kind == ContainmentKind.Resumption)
            {
                suspension = await db.ContainmentActions.AsNoTracking().SingleOrDefaultAsync(a => a.ContainmentId == request.SuspensionId, cancellationToken);
                if (suspension is not { State: ContainmentState.Approved })
                {
                    return new ContainmentOutcome(ContainmentRefusal.NotSuspended, request.SuspensionId);
                }

                zones = await UnsanitizedZonesAsync(db, request.HallId, cancellationToken);
                if (zones.Count > 0 && request.OverrideReason is null)
                {
                    return new ContainmentOutcome(ContainmentRefusal.ZonesNotSanitized, Zones: zones);
                }

                await db.ContainmentActions.Where(a => a.ContainmentId == suspension.ContainmentId && a.State == ContainmentState.Approved)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, ContainmentState.Resumed).SetProperty(a => a.ResumedAt, now)
                        .SetProperty(a => a.ResumedBy, request.ContainmentId).SetProperty(a => a.UpdatedAt, now), cancellationToken);
            }

            await db.ContainmentActions.Where(a => a.ContainmentId == request.ContainmentId && a.State == ContainmentState.Requested)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, ContainmentState.Approved).SetProperty(a => a.ApprovedBy, by).SetProperty(a => a.ApprovedAt, now)
                    .SetProperty(a => a.GovernmentConsentRef, consentRef).SetProperty(a => a.ApprovalNotes, notes).SetProperty(a => a.EffectiveAt, now)
                    .SetProperty(a => a.OverriddenZones, zones).SetProperty(a => a.UpdatedAt, now), cancellationToken);
            Expect(db, request, now);
            if (suspension is null)
            {
                db.AddIntegrationEvent(new OnSiteServiceSuspended(request.IncidentId?.ToString(), request.HallId, request.Reason, now, request.ContainmentId), timeProvider);
            }
            else
            {
                db.AddIntegrationEvent(new OnSiteServiceResumed(suspension.IncidentId?.ToString(), request.HallId, now, suspension.ContainmentId), timeProvider);
            }

            return ContainmentOutcome.Done;
        }, cancellationToken);

    /// <summary>A request withdrawn before its approval: <c>requested → withdrawn</c>.</summary>
    public static Task<ContainmentOutcome> WithdrawAsync(IncidentDbContext db, ContainmentAction request, string by, DateTimeOffset now, CancellationToken cancellationToken) =>
        InHallAsync(db, request.HallId, async () =>
        {
            var changed = await db.ContainmentActions.Where(a => a.ContainmentId == request.ContainmentId && a.State == ContainmentState.Requested)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, ContainmentState.Withdrawn).SetProperty(a => a.WithdrawnBy, by)
                    .SetProperty(a => a.WithdrawnAt, now).SetProperty(a => a.UpdatedAt, now), cancellationToken);
            if (changed == 1)
            {
                return ContainmentOutcome.Done;
            }

            var state = await db.ContainmentActions.Where(a => a.ContainmentId == request.ContainmentId).Select(a => a.State).SingleAsync(cancellationToken);
            return new ContainmentOutcome(ContainmentRefusal.NotPending, State: EnumText.Of(state));
        }, cancellationToken);

    /// <summary>A page of a hall's actions, newest requested first (ties by id, descending), with the cursor for the next.</summary>
    public static async Task<ContainmentList> ListAsync(IncidentDbContext db, ContainmentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var actions = (query.After is { } after
                ? db.ContainmentActions.FromSql($"SELECT * FROM containment_actions WHERE (requested_at, containment_id) < ({after.RequestedAt}, {after.ContainmentId})")
                : db.ContainmentActions)
            .AsNoTracking().Where(a => a.HallId == query.HallId);
        if (query.State is { } state)
        {
            actions = actions.Where(a => a.State == state);
        }

        var page = await actions.OrderByDescending(a => a.RequestedAt).ThenByDescending(a => a.ContainmentId).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > query.Limit ? new ContainmentCursor(page[query.Limit - 1].RequestedAt, page[query.Limit - 1].ContainmentId).Encode() : null;
        page = [.. page.Take(query.Limit)];
        var ids = page.Select(a => a.ContainmentId).ToArray();
        var acks = (await db.ContainmentAcknowledgements.AsNoTracking().Where(a => ids.Contains(a.ContainmentId)).ToListAsync(cancellationToken)).ToLookup(a => a.ContainmentId);
        return new ContainmentList([.. page.Select(a => ContainmentView.From(a, acks[a.ContainmentId]))], next);
    }

    /// <summary>
    /// The acknowledgement row a participant's answer settles, for update (in the consumer's transaction), or null: an
    /// unknown id, a participant not expected, or one that acknowledged before. A resumption's answers may carry its
    /// suspension's id (<c>OnSiteServiceResumed</c> does): then it is the approved resumption that ended it.
    /// </summary>
    public static async Task<ContainmentAcknowledgement?> PendingAcknowledgementAsync(
        IncidentDbContext db, Guid containmentId, string participant, bool resumption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var target = containmentId;
        if (resumption && await db.ContainmentActions.Where(a => a.ContainmentId == containmentId && a.Kind == ContainmentKind.Suspension)
                .Select(a => a.ResumedBy).SingleOrDefaultAsync(cancellationToken) is { } resumedBy)
        {
            target = resumedBy;
        }

        return await db.ContainmentAcknowledgements.FromSql($"""
            SELECT * FROM containment_acknowledgements
            WHERE containment_id = {target} AND participant = {participant} AND acknowledged_at IS NULL
            FOR UPDATE
            """).SingleOrDefaultAsync(cancellationToken);
    }

    private static async Task<ContainmentOutcome?> RequestRefusalAsync(IncidentDbContext db, ContainmentAction request, CancellationToken cancellationToken)
    {
        if (request.Kind == ContainmentKind.Suspension)
        {
            var open = await db.ContainmentActions.Where(a => a.HallId == request.HallId && a.Kind == ContainmentKind.Suspension
                && (a.State == ContainmentState.Requested || a.State == ContainmentState.Approved)).Select(a => (Guid?)a.ContainmentId).FirstOrDefaultAsync(cancellationToken);
            return open is null ? null : new ContainmentOutcome(ContainmentRefusal.SuspensionActive, open);
        }

        var suspension = await db.ContainmentActions.AsNoTracking().SingleOrDefaultAsync(
            a => a.ContainmentId == request.SuspensionId && a.HallId == request.HallId && a.Kind == ContainmentKind.Suspension, cancellationToken);
        if (suspension is not { State: ContainmentState.Approved })
        {
            return new ContainmentOutcome(ContainmentRefusal.NotSuspended, request.SuspensionId, State: suspension is null ? null : EnumText.Of(suspension.State));
        }

        var pending = await db.ContainmentActions.Where(a => a.SuspensionId == request.SuspensionId && a.State == ContainmentState.Requested)
            .Select(a => (Guid?)a.ContainmentId).FirstOrDefaultAsync(cancellationToken);
        if (pending is not null)
        {
            return new ContainmentOutcome(ContainmentRefusal.ResumptionPending, pending);
        }

        var zones = await UnsanitizedZonesAsync(db, request.HallId, cancellationToken);
        return zones.Count > 0 && request.OverrideReason is null ? new ContainmentOutcome(ContainmentRefusal.ZonesNotSanitized, Zones: zones) : null;
    }

    private static void Expect(IncidentDbContext db, ContainmentAction action, DateTimeOffset since)
    {
        foreach (var participant in ContainmentParticipants.Of(action.Kind))
        {
            db.ContainmentAcknowledgements.Add(new ContainmentAcknowledgement { ContainmentId = action.ContainmentId, Participant = participant, ExpectedSince = since });
        }
    }

    /// <summary>Runs a write of the hall's actions in a transaction holding the hall's advisory lock; commits only when it was done.</summary>
    private static async Task<ContainmentOutcome> InHallAsync(IncidentDbContext db, string hallId, Func<Task<ContainmentOutcome>> write, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('incident.containment:' || {hallId}, 0))", cancellationToken);
        var outcome = await write();
        if (outcome.Refusal != ContainmentRefusal.None)
        {
            db.ChangeTracker.Clear();
            return outcome;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }
}
