using CivicHall.Screening.Decisions;
using CivicHall.Screening.Screenings;

namespace CivicHall.Screening.Ledgers;

/// <summary>What one ledger read asks for: the hall, the window [from, to) and the filters (null: any).</summary>
public sealed record ScreeningLedgerFilter(string HallId, DateTimeOffset From, DateTimeOffset To, string? Outcome, string? PersonKind, string? Lane);

/// <summary>
/// The screening ledger's reads: the hall's readings in a window, in (taken_at, id) order, by the index
/// <c>(hall_id, taken_at, id)</c> — a page is one index range scan from the cursor on, however deep.
/// </summary>
public static class ScreeningLedgerStore
{
    private sealed record Line(
        Guid Id, DateTimeOffset TakenAt, string PersonKind, string PersonKey, string IdNumberMasked, string NameMasked, bool AddressGiven,
        bool PhoneGiven, decimal TemperatureC, string HealthCode, string? TestResult, DateTimeOffset? TestAt, string? AntigenResult, string Outcome,
        List<Finding> Findings, List<string> Measures, string? Lane, string? DeviceId, string RecordedBy, Guid? RetestOf);

    public static async Task<(IReadOnlyList<ScreeningLedgerRow> Rows, string? NextCursor)> PageAsync(
        ScreeningDbContext db, ScreeningLedgerFilter filter, ScreeningLedgerCursor? after, int limit, CancellationToken cancellationToken)
    {
        var lines = await Query(db, filter, after).Take(limit + 1).ToListAsync(cancellationToken);
        var next = lines.Count > limit ? new ScreeningLedgerCursor(lines[limit - 1].TakenAt, lines[limit - 1].Id).Encode() : null;
        return ([.. lines.Take(limit).Select(ToRow)], next);
    }

    /// <summary>Every row of the window, read as the answer is written (the CSV export).</summary>
    public static async IAsyncEnumerable<ScreeningLedgerRow> AllAsync(
        ScreeningDbContext db, ScreeningLedgerFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in Query(db, filter, null).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToRow(line);
        }
    }

    private static IQueryable<Line> Query(ScreeningDbContext db, ScreeningLedgerFilter filter, ScreeningLedgerCursor? after)
    {
        // After a cursor: a row comparison in the ledger's own order, an index condition of (hall_id, taken_at, id).
        var records = (after is { } a
                ? db.Screenings.FromSql($"SELECT * FROM screening_records WHERE (taken_at, id) > ({a.TakenAt}, {a.ScreeningId})")
                : db.Screenings)
            .AsNoTracking()
            .Where(r => r.HallId == filter.HallId && r.TakenAt >= filter.From && r.TakenAt < filter.To);
        if (filter.Outcome is { } outcome)
        {
            records = records.Where(r => r.Outcome == outcome);
        }

        if (filter.PersonKind is { } kind)
        {
            records = records.Where(r => r.PersonKind == kind);
        }

        if (filter.Lane is { } lane)
        {
            records = records.Where(r => r.Lane == lane);
        }

        return records.OrderBy(r => r.TakenAt).ThenBy(r => r.Id).Select(r => new Line(
            r.Id, r.TakenAt, r.PersonKind, r.PersonKey, r.IdNumberMasked, r.NameMasked, r.AddressEncrypted != null, r.PhoneEncrypted != null,
            r.TemperatureC, r.HealthCode, r.TestResult, r.TestAt, r.AntigenResult, r.Outcome, r.Findings, r.Measures, r.Lane, r.DeviceId,
            r.RecordedBy, r.RetestOf));
    }

    private static ScreeningLedgerRow ToRow(Line l) => new(
        l.Id, l.TakenAt, l.PersonKind, l.PersonKey, l.IdNumberMasked, l.NameMasked, l.AddressGiven, l.PhoneGiven, l.TemperatureC, l.HealthCode,
        l.TestResult, l.TestAt, l.AntigenResult, l.Outcome, [.. l.Findings.Select(f => f.Rule).Distinct(StringComparer.Ordinal)], l.Measures, l.Lane,
        l.DeviceId, l.RecordedBy, l.RetestOf);
}
