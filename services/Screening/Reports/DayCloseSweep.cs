using CivicHall.Contracts.Screening.V1;
using CivicHall.Screening.Screenings;
using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Screening.Reports;

public sealed class DayCloseSweepOptions
{
    /// <summary>How often the last closed days are counted (and recounted).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Closes each known hall's local day for the daily report (日报告): once the hall's midnight has passed, counts the
/// day's readings from <c>screening_records</c> (by (hall, taken_at)) and publishes <c>ScreeningDayClosed</c> with the
/// <c>day_closes</c> row in one transaction; a hall with no reading gets a zero summary. Each pass recounts the last
/// two closed days: a reading recorded late (an offline lane syncing) publishes the next revision.
/// </summary>
public sealed class DayCloseSweep(IOptions<DayCloseSweepOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<DayCloseSweep> logger)
    : PeriodicSweep(options.Value.Interval, scopeFactory, timeProvider, logger)
{
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ScreeningDbContext>();
        var halls = await db.Halls.AsNoTracking().Where(h => h.Version > 0).Select(h => new { h.HallId, h.TimeZone }).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var hall in halls)
        {
            foreach (var date in HallDayCloses.DaysToCount(hall.TimeZone, now))
            {
                published += await CloseAsync(db, hall.HallId, hall.TimeZone, date, cancellationToken);
            }
        }

        return published;
    }

    /// <summary>Counts one hall-day and publishes it when new or changed (tests call it for a date of their own).</summary>
    public async Task<int> CloseAsync(ScreeningDbContext db, string hallId, string timeZone, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (start, end) = HallDayCloses.Day(timeZone, date);
        // A denial is for health unless every denying rule is about the kind, the booking or a mask (given at the door).
        var rows = await db.Database.SqlQuery<OutcomeRow>($"""
            SELECT r.person_kind AS person_kind, r.outcome AS outcome,
                   (r.outcome = 'deny' AND EXISTS (SELECT 1 FROM jsonb_array_elements(r.findings) f WHERE f->>'outcome' = 'deny'
                       AND f->>'rule' NOT LIKE 'kind.%' AND f->>'rule' NOT LIKE 'booking.%' AND f->>'rule' NOT LIKE 'mask.%')) AS for_health,
                   count(*)::int AS "count"
            FROM screening_records r
            WHERE r.hall_id = {hallId} AND r.taken_at >= {start} AND r.taken_at < {end}
            GROUP BY 1, 2, 3
            """).ToListAsync(cancellationToken);
        var rules = await db.Database.SqlQuery<RuleRow>($"""
            SELECT f->>'rule' AS rule, count(DISTINCT r.id)::int AS "count"
            FROM screening_records r, jsonb_array_elements(r.findings) f
            WHERE r.hall_id = {hallId} AND r.taken_at >= {start} AND r.taken_at < {end}
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(cancellationToken);
        var totals = Figures(rows);
        var byRule = rules.Select(r => new ScreeningRuleFigures(r.Rule, r.Count)).ToList();
        var byKind = rows.GroupBy(r => r.PersonKind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ScreeningPersonKindFigures(g.Key, Figures(g))).ToList();
        return await HallDayCloses.PublishIfChangedAsync(
            db, TimeProvider, hallId, date, new { totals, byRule, byKind },
            revision => new ScreeningDayClosed(hallId, date, timeZone, revision, totals, byRule, byKind, TimeProvider.GetUtcNow()), cancellationToken);
    }

    private static ScreeningOutcomeFigures Figures(IEnumerable<OutcomeRow> rows)
    {
        var list = rows.ToList();
        int Of(string outcome) => list.Where(r => r.Outcome == outcome).Sum(r => r.Count);
        return new(list.Sum(r => r.Count), Of("admit"), Of("deny"), Of("retest"), Of("manual_check"), Of("isolate"), list.Where(r => r.ForHealth).Sum(r => r.Count));
    }

    private sealed record OutcomeRow(string PersonKind, string Outcome, bool ForHealth, int Count);

    private sealed record RuleRow(string Rule, int Count);
}
