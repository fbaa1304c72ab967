using CivicHall.Contracts.Tracing.V1;
using CivicHall.Occupancy.Floor;

namespace CivicHall.Occupancy.Tracing;

/// <summary>
/// The presences incident asks for at tracing time. Reads only: the case's stays by (hall, person, entered_at), and
/// everyone else's stays by (hall, zone, entered_at) for each of the case's stays once widened, scanning entries from
/// <see cref="LongestStay"/> before the widened stay's start (a stay longer than that is cut from the answer, which is
/// then marked truncated). Each answer is capped at <see cref="Cap"/> rows (then <c>Truncated</c>).
/// </summary>
public static class TracingStore
{
    public const int Cap = 20_000;

    /// <summary>How far back the scan for stays overlapping an instant starts: nobody stays in one zone a whole day.</summary>
    public static readonly TimeSpan LongestStay = TimeSpan.FromHours(24);

    private sealed record PresenceRow(string PersonKey, string PersonKind, string ZoneId, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt);

    public static async Task<PresenceAnswer> PresencesAsync(OccupancyDbContext db, string hallId, PresenceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        // PostgreSQL's timestamptz takes UTC instants only; callers may send any offset.
        query = query with { From = query.From.ToUniversalTime(), To = query.To.ToUniversalTime() };
        var scanFrom = query.From - LongestStay;
        var own = await db.Database.SqlQuery<PresenceRow>($"""
            SELECT p.person_key, a.person_kind, p.zone_id, p.entered_at, p.left_at
            FROM zone_presences p JOIN admissions a ON a.id = p.admission_id
            WHERE p.hall_id = {hallId} AND p.person_key = {query.PersonKey}
              AND p.entered_at >= {scanFrom} AND p.entered_at < {query.To}
              AND (p.left_at IS NULL OR p.left_at > {query.From})
            ORDER BY p.entered_at, p.id
            LIMIT {Cap + 1}
            """).ToListAsync(cancellationToken);
        var truncated = own.Count > Cap;
        own = [.. own.Take(Cap)];
        if (own.Count == 0)
        {
            return new PresenceAnswer([], [], truncated);
        }

        var buffer = TimeSpan.FromMinutes(query.BufferMinutes);
        var starts = own.Select(p => p.EnteredAt - buffer).ToArray();
        // A stay still open ends, for the query, at the window's end.
        var ends = own.Select(p => (p.LeftAt ?? query.To) + buffer).ToArray();
        var zones = await db.Set<OccupancyZone>().Where(z => z.HallId == hallId).Select(z => z.ZoneId).ToArrayAsync(cancellationToken);
        // Each CTE is materialised on purpose: left to itself the planner walks the primary key in id order for the
        // DISTINCT ON … LIMIT and reads the whole table (0.76 s on 1M rows); this way it takes the (hall, zone,
        // entered_at) index per widened stay, dedupes what it found, and fetches the kind of just those (0.1 s).
        var others = await db.Database.SqlQuery<PresenceRow>($"""
            WITH hits AS MATERIALIZED (
                SELECT q.id, q.admission_id, q.person_key, q.zone_id, q.entered_at, q.left_at
                FROM unnest({starts}, {ends}) AS c(s, e)
                CROSS JOIN LATERAL (
                    SELECT q.* FROM zone_presences q
                    WHERE q.hall_id = {hallId} AND q.zone_id = ANY({zones})
                      AND q.entered_at >= c.s - {LongestStay} AND q.entered_at < c.e
                      AND (q.left_at IS NULL OR q.left_at > c.s)
                      AND q.person_key <> {query.PersonKey}) q),
            found AS MATERIALIZED (SELECT DISTINCT ON (h.id) h.* FROM hits h ORDER BY h.id LIMIT {Cap + 1})
            SELECT f.person_key, (SELECT a.person_kind FROM admissions a WHERE a.id = f.admission_id) AS person_kind,
                   f.zone_id, f.entered_at, f.left_at
            FROM found f
            """).ToListAsync(cancellationToken);
        truncated |= others.Count > Cap;
        return new PresenceAnswer(
            [.. own.Select(ToPresence)],
            [.. others.Take(Cap).OrderBy(p => p.EnteredAt).ThenBy(p => p.PersonKey, StringComparer.Ordinal).Select(ToPresence)],
            truncated);
    }

    /// <summary>Which of the keys had a stay in the hall overlapping [from, to].</summary>
    public static async Task<SeenAnswer> SeenAsync(OccupancyDbContext db, string hallId, SeenQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        query = query with { From = query.From.ToUniversalTime(), To = query.To.ToUniversalTime() };
        var keys = query.PersonKeys.Distinct(StringComparer.Ordinal).ToArray();
        var scanFrom = query.From - LongestStay;
        var seen = await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT p.person_key AS "Value" FROM zone_presences p
            WHERE p.hall_id = {hallId} AND p.person_key = ANY({keys})
              AND p.entered_at >= {scanFrom} AND p.entered_at < {query.To}
              AND (p.left_at IS NULL OR p.left_at > {query.From})
            """).ToListAsync(cancellationToken);
        return new SeenAnswer([.. seen.Order(StringComparer.Ordinal)]);
    }

    private static Presence ToPresence(PresenceRow p) => new(p.PersonKey, p.PersonKind, p.ZoneId, p.EnteredAt, p.LeftAt);
}
