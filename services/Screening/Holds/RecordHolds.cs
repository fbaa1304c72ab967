using CivicHall.Contracts.Incidents.V1;

namespace CivicHall.Screening.Holds;

/// <summary>
/// Holds and releases people's screening records for an incident: the case's own person (<c>IncidentOpened</c>) and
/// everyone its tracing lists name (<c>ContactsTraced</c>), one <see cref="RecordHold"/> per case and person. A held
/// record (<c>held_by</c> set) is skipped by the purge; the case's close (<see cref="RecordHoldClosure"/>) sets
/// <c>purge_after</c> of its held records to at least the case's <c>RecordsHeldUntil</c> and hands each record to
/// another open hold of the same person, if any, else clears <c>held_by</c>, so retention applies again. A hold that
/// arrives after its case's close holds nothing: it only keeps the person's records until the close's date.
/// </summary>
public static class RecordHolds
{
    /// <summary>Holds the records of the case's person at its hall that exist now; nothing without a person.</summary>
    public static Task OpenAsync(ScreeningDbContext db, IncidentOpened opened, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return opened.PersonKey is { } person
            ? HoldAsync(db, opened.IncidentId, opened.HallId, [person], opened.OccurredAt, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>Holds the records at the hall of everyone on a tracing list, with the case.</summary>
    public static Task TraceAsync(ScreeningDbContext db, ContactsTraced traced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traced);
        return HoldAsync(db, traced.IncidentId, traced.HallId, traced.PersonKeys, traced.OccurredAt, cancellationToken);
    }

    private static async Task HoldAsync(
        ScreeningDbContext db, Guid incidentId, string hallId, IReadOnlyList<string> people, DateTimeOffset openedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = people.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0)
        {
            return;
        }

        var incident = incidentId.ToString();

        // A hold of a case already closed is recorded as released, with the close's date (redelivered: nothing new).
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO record_holds (incident_id, person_key, hall_id, opened_at, released_at, held_until)
            SELECT {incidentId}, k.person_key, {hallId}, {openedAt}, c.closed_at, c.held_until
            FROM unnest({keys}) AS k(person_key) LEFT JOIN record_hold_closures c ON c.incident_id = {incidentId}
            ORDER BY k.person_key
            ON CONFLICT (incident_id, person_key) DO NOTHING
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE screening_records r SET held_by = {incident}
            FROM record_holds h
            WHERE h.incident_id = {incidentId} AND h.person_key = ANY({keys}) AND h.released_at IS NULL
              AND r.hall_id = h.hall_id AND r.person_key = h.person_key AND r.held_by IS NULL
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE screening_records r SET purge_after = greatest(r.purge_after, h.held_until)
            FROM record_holds h
            WHERE h.incident_id = {incidentId} AND h.person_key = ANY({keys}) AND h.released_at IS NOT NULL
              AND r.hall_id = h.hall_id AND r.person_key = h.person_key
            """, cancellationToken);
    }

    /// <summary>Releases every hold of the case (the close is recorded even when it arrives first, so that a late hold holds nothing).</summary>
    public static async Task ReleaseAsync(ScreeningDbContext db, IncidentClosed closed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(closed);
        var incident = closed.IncidentId.ToString();
        var until = closed.RecordsHeldUntil.ToUniversalTime();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO record_hold_closures (incident_id, hall_id, closed_at, held_until) VALUES ({closed.IncidentId}, {closed.HallId}, {now}, {until})
            ON CONFLICT (incident_id) DO UPDATE SET held_until = excluded.held_until
            """, cancellationToken);
        if (closed.PersonKey is { } person)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO record_holds (incident_id, person_key, hall_id, opened_at, released_at, held_until)
                VALUES ({closed.IncidentId}, {person}, {closed.HallId}, {closed.OccurredAt}, {now}, {until})
                ON CONFLICT (incident_id, person_key) DO NOTHING
                """, cancellationToken);
        }

        await db.Database.ExecuteSqlAsync($"""
            UPDATE record_holds SET released_at = coalesce(released_at, {now}), held_until = {until} WHERE incident_id = {closed.IncidentId}
            """, cancellationToken);

        // Every held record of the case's people keeps at least this case's period; those this case held pass to
        // another open case of the person, or are free again.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE screening_records r
            SET purge_after = greatest(r.purge_after, {until}),
                held_by = CASE WHEN r.held_by <> {incident} THEN r.held_by ELSE (
                    SELECT o.incident_id::text FROM record_holds o
                    WHERE o.hall_id = r.hall_id AND o.person_key = r.person_key AND o.released_at IS NULL
                    ORDER BY o.opened_at, o.incident_id LIMIT 1) END
            FROM record_holds h
            WHERE h.incident_id = {closed.IncidentId} AND r.hall_id = h.hall_id AND r.person_key = h.person_key AND r.held_by IS NOT NULL
            """, cancellationToken);
    }
}
