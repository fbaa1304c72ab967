using CivicHall.Contracts.Incidents.V1;

namespace CivicHall.Occupancy.Records;

/// <summary>
/// Holds and releases a person's movement records for an incident: admissions carry <c>held_by</c>, and the purge keeps
/// the zone presences of a held admission. A held record (<c>held_by</c> set) is skipped by
/// the purge; releasing sets its <c>purge_after</c> to at least the case's <c>RecordsHeldUntil</c> and hands the
/// record to another open hold of the same person, if any, else clears <c>held_by</c>, so retention applies again.
/// </summary>
public static class RecordHolds
{
    /// <summary>Holds the admissions of the case's person at its hall that exist now; nothing without a person, or once released.</summary>
    public static async Task OpenAsync(OccupancyDbContext db, IncidentOpened opened, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(opened);
        if (opened.PersonKey is not { } person)
        {
            return;
        }

        var incident = opened.IncidentId.ToString();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO record_holds (incident_id, hall_id, person_key, opened_at) VALUES ({opened.IncidentId}, {opened.HallId}, {person}, {opened.OccurredAt})
            ON CONFLICT (incident_id) DO NOTHING
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE admissions SET held_by = {incident}
            WHERE hall_id = {opened.HallId} AND person_key = {person} AND held_by IS NULL
              AND EXISTS (SELECT 1 FROM record_holds h WHERE h.incident_id = {opened.IncidentId} AND h.released_at IS NULL)
            """, cancellationToken);
    }

    /// <summary>Releases the case's hold (recorded even when the close arrives before the opening, so that a late opening holds nothing).</summary>
    public static async Task ReleaseAsync(OccupancyDbContext db, IncidentClosed closed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(closed);
        var incident = closed.IncidentId.ToString();
        var until = closed.RecordsHeldUntil.ToUniversalTime();
        if (closed.PersonKey is { } person)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO record_holds (incident_id, hall_id, person_key, opened_at, released_at, held_until)
                VALUES ({closed.IncidentId}, {closed.HallId}, {person}, {closed.OccurredAt}, {now}, {until})
                ON CONFLICT (incident_id) DO UPDATE SET released_at = coalesce(record_holds.released_at, excluded.released_at), held_until = excluded.held_until
                """, cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE record_holds SET released_at = coalesce(released_at, {now}), held_until = {until} WHERE incident_id = {closed.IncidentId}
                """, cancellationToken);
        }

        // Every held record of the person keeps at least this case's period; those this case held pass to another
        // open case of the person, or are free again.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE zone_presences p SET purge_after = greatest(p.purge_after, {until})
            FROM admissions a, record_holds h
            WHERE h.incident_id = {closed.IncidentId} AND a.hall_id = h.hall_id AND a.person_key = h.person_key
              AND a.held_by IS NOT NULL AND p.admission_id = a.id
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE admissions r
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
