namespace CivicHall.Occupancy.Ledgers;

/// <summary>What one ledger read asks for: the hall, the window [from, to) of arrivals and the filters (null: any).</summary>
public sealed record AdmissionLedgerFilter(string HallId, DateTimeOffset From, DateTimeOffset To, AdmissionState? State, string? PersonKind, string? ZoneId);

/// <summary>
/// The admissions ledger's reads: the hall's visits that arrived in a window, in (arrived_at, id) order, by the index
/// <c>(hall_id, arrived_at, id)</c> — a page is one index range scan from the cursor on, however deep — each with its
/// zone stays by the index on <c>zone_presences (admission_id)</c>.
/// </summary>
public static class AdmissionLedgerStore
{
    public static async Task<(IReadOnlyList<AdmissionLedgerRow> Rows, string? NextCursor)> PageAsync(
        OccupancyDbContext db, AdmissionLedgerFilter filter, AdmissionLedgerCursor? after, int limit, CancellationToken cancellationToken)
    {
        var rows = await Query(db, filter, after).Take(limit + 1).ToListAsync(cancellationToken);
        var next = rows.Count > limit ? new AdmissionLedgerCursor(rows[limit - 1].ArrivedAt, rows[limit - 1].AdmissionId).Encode() : null;
        return ([.. rows.Take(limit)], next);
    }

    /// <summary>Every row of the window, read as the answer is written (the CSV export).</summary>
    public static IAsyncEnumerable<AdmissionLedgerRow> AllAsync(OccupancyDbContext db, AdmissionLedgerFilter filter) =>
        Query(db, filter, null).AsAsyncEnumerable();

    private static IQueryable<AdmissionLedgerRow> Query(OccupancyDbContext db, AdmissionLedgerFilter filter, AdmissionLedgerCursor? after)
    {
        // A local, not db.ZonePresences inside the expressions: an expression tree cannot hold an extension property.
        var presences = db.ZonePresences;

        // After a cursor: a row comparison in the ledger's own order, an index condition of (hall_id, arrived_at, id).
        var admissions = (after is { } a
                ? db.Admissions.FromSql($"SELECT * FROM admissions WHERE (arrived_at, id) > ({a.ArrivedAt}, {a.AdmissionId})")
                : db.Admissions)
            .AsNoTracking()
            .Where(v => v.HallId == filter.HallId && v.ArrivedAt >= filter.From && v.ArrivedAt < filter.To);
        if (filter.State is { } state)
        {
            admissions = admissions.Where(v => v.State == state);
        }

        if (filter.PersonKind is { } kind)
        {
            admissions = admissions.Where(v => v.PersonKind == kind);
        }

        if (filter.ZoneId is { } zone)
        {
            admissions = admissions.Where(v => presences.Any(p => p.AdmissionId == v.Id && p.ZoneId == zone));
        }

        return admissions.OrderBy(v => v.ArrivedAt).ThenBy(v => v.Id).Select(v => new AdmissionLedgerRow(
            v.Id, v.ArrivedAt, v.PersonKind, v.PersonKey, v.PriorityGroup, EnumText.Of(v.State), v.Reason, v.Ticket, v.Lane, v.AdmittedAt,
            v.ExitedAt, v.ExitGate, v.ZoneId,
            presences.Where(p => p.AdmissionId == v.Id).OrderBy(p => p.EnteredAt).ThenBy(p => p.Id)
                .Select(p => new AdmissionZoneVisit(p.ZoneId, p.EnteredAt, p.LeftAt)).ToList()));
    }
}
