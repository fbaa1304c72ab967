using CivicHall.ServiceDefaults.Paging;

namespace CivicHall.Incident.Tracing.Exports;

/// <summary>
/// The queries and conditional writes of clear exports: a decision is taken only from <c>requested</c>, and the one
/// download only while <c>downloaded_at IS NULL</c>, so that two concurrent downloads give exactly one file.
/// </summary>
public static class ClearExportStore
{
    public static Task<ClearExport?> FindAsync(IncidentDbContext db, Guid incidentId, Guid tracingId, Guid exportId, CancellationToken cancellationToken) =>
        db.ClearExports.AsNoTracking().SingleOrDefaultAsync(e => e.ExportId == exportId && e.IncidentId == incidentId && e.TracingId == tracingId, cancellationToken);

    /// <summary>Adds the request; false when an export with its id exists (a replay or another request).</summary>
    public static async Task<bool> TryAddAsync(IncidentDbContext db, ClearExport export, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(export);
        db.ClearExports.Add(export);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Writes the decision (approval or rejection) only if the export is still requested; false otherwise.</summary>
    public static async Task<bool> DecideAsync(IncidentDbContext db, ClearExport decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(decided);
        var state = EnumText.Of(decided.State);
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE clear_exports SET state = {state}, decided_by = {decided.DecidedBy}, decided_at = {decided.DecidedAt},
                decision_reason = {decided.DecisionReason}, expires_at = {decided.ExpiresAt}
            WHERE export_id = {decided.ExportId} AND state = 'requested'
            """, cancellationToken) == 1;
    }

    /// <summary>Takes the one download (approved, not downloaded, not expired); false when another took it first.</summary>
    public static async Task<bool> TryTakeDownloadAsync(
        IncidentDbContext db, Guid exportId, string by, string format, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE clear_exports SET downloaded_by = {by}, downloaded_at = {now}, download_format = {format}
            WHERE export_id = {exportId} AND state = 'approved' AND downloaded_at IS NULL AND expires_at > {now}
            """, cancellationToken) == 1;

    /// <summary>Gives the download back (a source was down: nothing was handed over).</summary>
    public static Task ReleaseDownloadAsync(IncidentDbContext db, Guid exportId, DateTimeOffset takenAt, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE clear_exports SET downloaded_by = NULL, downloaded_at = NULL, download_format = NULL
            WHERE export_id = {exportId} AND downloaded_at = {takenAt}
            """, cancellationToken);

    /// <summary>Records how many people the file handed over held, and marks it downloaded.</summary>
    public static Task RecordPeopleAsync(IncidentDbContext db, Guid exportId, int people, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE clear_exports SET people = {people}, state = 'downloaded' WHERE export_id = {exportId}
            """, cancellationToken);

    /// <summary>A page of exports, newest request first: one tracing's, or (both null) all of them.</summary>
    public static async Task<ClearExportPage> ListAsync(
        IncidentDbContext db, Guid? incidentId, Guid? tracingId, int limit, (DateTimeOffset At, Guid Id)? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var exports = (after is { } a
                ? db.ClearExports.FromSql($"SELECT * FROM clear_exports WHERE (requested_at, export_id) < ({a.At}, {a.Id})")
                : db.ClearExports)
            .AsNoTracking();
        if (incidentId is { } incident)
        {
            exports = exports.Where(e => e.IncidentId == incident);
        }

        if (tracingId is { } tracing)
        {
            exports = exports.Where(e => e.TracingId == tracing);
        }

        var page = await exports.OrderByDescending(e => e.RequestedAt).ThenByDescending(e => e.ExportId).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? TimeIdCursor.Encode(page[limit - 1].RequestedAt, page[limit - 1].ExportId) : null;
        return new ClearExportPage([.. page.Take(limit).Select(ClearExportView.Of)], next);
    }
}
