using CivicHall.Contracts.Incidents.V1;
using CivicHall.Incident.Cases;
using CivicHall.Messaging.Outbox;

namespace CivicHall.Incident.Reports;

/// <summary>The daily reports' writes (a source's summary, the deadline) and incident's own figures of a hall-day.</summary>
public static class DailyReportStore
{
    /// <summary>
    /// The report of (hall, date), created pending when there is none, locked for the rest of the transaction:
    /// the four consumers and the deadline sweep change a report one after the other.
    /// </summary>
    public static async Task<DailyReport> LockAsync(IncidentDbContext db, string hallId, DateOnly date, string timeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO daily_reports (hall_id, local_date, time_zone, revision, screening_revision, occupancy_revision, booking_revision,
                sanitation_revision, zero_report, missing_sources, changed_sections, updated_at)
            VALUES ({hallId}, {date}, {timeZone}, 0, 0, 0, 0, 0, FALSE, '[]'::jsonb, '[]'::jsonb, {now})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        return await db.DailyReports.FromSql($"SELECT * FROM daily_reports WHERE hall_id = {hallId} AND local_date = {date} FOR UPDATE")
            .SingleAsync(cancellationToken);
    }

    /// <summary>
    /// Takes a source's day summary: a newer revision replaces the section. A pending report is published once all
    /// four sources are in; a published one is corrected (next revision, naming the section).
    /// </summary>
    public static async Task ApplyAsync(
        IncidentDbContext db, TimeProvider timeProvider, string source, string hallId, DateOnly date, string timeZone, int revision, object figures,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = timeProvider.GetUtcNow();
        var report = await LockAsync(db, hallId, date, timeZone, now, cancellationToken);
        if (!report.Apply(source, revision, figures, now))
        {
            // An older or the same revision again: what is held stands.
            return;
        }

        if (report.IsPublished || report.SourcesMissing.Count == 0)
        {
            await PublishAsync(db, timeProvider, report, [source], now, cancellationToken);
        }
    }

    /// <summary>Publishes the report (first or next revision) with incident's figures counted now; a change in them is named too.</summary>
    public static async Task PublishAsync(
        IncidentDbContext db, TimeProvider timeProvider, DailyReport report, IReadOnlyList<string> changed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        var incidents = await IncidentFiguresAsync(db, report.HallId, report.TimeZone, report.LocalDate, cancellationToken);
        var sections = report.Incidents is { } before && !SameIncidents(before, incidents) ? [.. changed, ReportSources.Incidents] : changed;
        db.AddIntegrationEvent(report.Publish(incidents, sections, now), timeProvider);
    }

    /// <summary>
    /// Incident's own figures of the hall's local date: cases opened by kind, escalation levels raised and cases
    /// closed within it (by the index on (hall, opened_at) and the escalations' and steps' times).
    /// </summary>
    public static async Task<DailyIncidentFigures> IncidentFiguresAsync(IncidentDbContext db, string hallId, string timeZone, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (start, end) = DailyReportRules.Day(timeZone, date);
        var opened = await db.Incidents.AsNoTracking()
            .Where(c => c.HallId == hallId && c.OpenedAt >= start && c.OpenedAt < end)
            .GroupBy(c => c.Kind).Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var escalated = await db.Escalations.AsNoTracking()
            .CountAsync(e => e.HallId == hallId && e.RaisedAt >= start && e.RaisedAt < end, cancellationToken);
        var closed = await db.IncidentSteps.AsNoTracking()
            .CountAsync(s => s.Step == IncidentState.Closed && s.At >= start && s.At < end
                && db.Incidents.Any(c => c.IncidentId == s.IncidentId && c.HallId == hallId), cancellationToken);
        var byKind = opened.Select(o => (Kind: EnumText.Of(o.Kind), o.Count)).OrderBy(o => o.Kind, StringComparer.Ordinal)
            .ToDictionary(o => o.Kind, o => o.Count, StringComparer.Ordinal);
        return new DailyIncidentFigures(byKind.Values.Sum(), byKind, escalated, closed);
    }

    /// <summary>
    /// Every known hall's report for the date, a page of halls after <paramref name="after"/> by hall id, and the
    /// city's totals over all of them (two queries: the halls, the date's reports by their date index).
    /// </summary>
    public static async Task<CityDailyReportView> CityAsync(IncidentDbContext db, DateOnly date, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var halls = await db.Halls.AsNoTracking().Where(h => h.Version > 0).OrderBy(h => h.HallId)
            .Select(h => new { h.HallId, h.Name, h.TimeZone }).ToListAsync(cancellationToken);
        var reports = await db.DailyReports.AsNoTracking().Where(r => r.LocalDate == date).ToListAsync(cancellationToken);
        var byHall = reports.ToDictionary(r => r.HallId, StringComparer.Ordinal);
        var hallIds = halls.Select(h => h.HallId).ToHashSet(StringComparer.Ordinal);
        var known = reports.Where(r => hallIds.Contains(r.HallId)).ToList();
        var page = halls.Where(h => after is null || string.CompareOrdinal(h.HallId, after) > 0).Take(limit + 1).ToList();
        var views = page.Take(limit).Select(h => DailyReportView.From(h.HallId, h.Name, h.TimeZone, date, byHall.GetValueOrDefault(h.HallId), null)).ToList();
        var next = page.Count > limit ? DailyReportEndpoints.WriteCursor(views[^1].HallId) : null;
        return new CityDailyReportView(date, CityDailyTotals.Of(halls.Count, known), views, next);
    }

    private static bool SameIncidents(DailyIncidentFigures a, DailyIncidentFigures b) =>
        a.Opened == b.Opened && a.Escalated == b.Escalated && a.Closed == b.Closed
        && a.OpenedByKind.Count == b.OpenedByKind.Count
        && a.OpenedByKind.All(k => b.OpenedByKind.TryGetValue(k.Key, out var n) && n == k.Value);
}
