using CivicHall.Contracts.Tracing.V1;

namespace CivicHall.Screening.Tracing;

/// <summary>
/// The screenings incident asks for at tracing time (reads only): the case's readings by (hall, person, taken_at),
/// everyone else's in the same lane within the window of one of them by (hall, lane, taken_at), and masked
/// identities from each person's latest reading at the hall. Each answer capped at <see cref="Cap"/> rows.
/// </summary>
public static class TracingStore
{
    public const int Cap = 20_000;

    private sealed record LaneRow(string PersonKey, string PersonKind, string? Lane, DateTimeOffset TakenAt);

    private sealed record IdentityRow(string PersonKey, string PersonKind, string IdNumberMasked, string NameMasked);

    public static async Task<LaneAnswer> ScreeningsAsync(ScreeningDbContext db, string hallId, LaneQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var own = await db.Database.SqlQuery<LaneRow>($"""
            SELECT r.person_key, r.person_kind, r.lane, r.taken_at FROM screening_records r
            WHERE r.hall_id = {hallId} AND r.person_key = {query.PersonKey}
              AND r.taken_at >= {query.From} AND r.taken_at <= {query.To}
            ORDER BY r.taken_at, r.id
            LIMIT {Cap + 1}
            """).ToListAsync(cancellationToken);
        var truncated = own.Count > Cap;
        own = [.. own.Take(Cap)];
        var laned = own.Where(r => r.Lane is not null).ToList();
        if (laned.Count == 0)
        {
            return new LaneAnswer([.. own.Select(ToScreening)], [], truncated);
        }

        var window = TimeSpan.FromMinutes(query.WindowMinutes);
        var lanes = laned.Select(r => r.Lane!).ToArray();
        var starts = laned.Select(r => r.TakenAt - window).ToArray();
        var ends = laned.Select(r => r.TakenAt + window).ToArray();
        var others = await db.Database.SqlQuery<LaneRow>($"""
            SELECT DISTINCT ON (o.id) o.person_key, o.person_kind, o.lane, o.taken_at
            FROM unnest({lanes}, {starts}, {ends}) AS c(lane, s, e)
            CROSS JOIN LATERAL (
                SELECT q.id, q.person_key, q.person_kind, q.lane, q.taken_at FROM screening_records q
                WHERE q.hall_id = {hallId} AND q.lane = c.lane AND q.taken_at >= c.s AND q.taken_at <= c.e
                  AND q.person_key <> {query.PersonKey}) o
            ORDER BY o.id
            LIMIT {Cap + 1}
            """).ToListAsync(cancellationToken);
        truncated |= others.Count > Cap;
        return new LaneAnswer(
            [.. own.Select(ToScreening)],
            [.. others.Take(Cap).OrderBy(r => r.TakenAt).ThenBy(r => r.PersonKey, StringComparer.Ordinal).Select(ToScreening)],
            truncated);
    }

    /// <summary>Masked identities from each person's latest reading at the hall; people never screened there are left out.</summary>
    public static async Task<IdentityAnswer> IdentitiesAsync(ScreeningDbContext db, string hallId, IdentityQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var keys = query.PersonKeys.Distinct(StringComparer.Ordinal).ToArray();
        var rows = await db.Database.SqlQuery<IdentityRow>($"""
            SELECT DISTINCT ON (r.person_key) r.person_key, r.person_kind, r.id_number_masked, r.name_masked
            FROM screening_records r
            WHERE r.hall_id = {hallId} AND r.person_key = ANY({keys})
            ORDER BY r.person_key, r.taken_at DESC
            """).ToListAsync(cancellationToken);
        return new IdentityAnswer([.. rows.Select(r => new MaskedIdentity(r.PersonKey, r.PersonKind, r.IdNumberMasked, r.NameMasked, null))]);
    }

    private static LaneScreening ToScreening(LaneRow r) => new(r.PersonKey, r.PersonKind, r.Lane, r.TakenAt);
}
