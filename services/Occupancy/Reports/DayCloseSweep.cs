using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Occupancy.Halls;
using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Occupancy.Reports;

public sealed class DayCloseSweepOptions
{
    /// <summary>How often the last closed days are counted (and recounted).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Closes each hall's local day for the daily report (日报告): once the hall's midnight has passed, counts the day from
/// <c>admissions</c> (by (hall, arrived_at); nobody is taken to stay longer than a day) — admissions, people turned
/// away, exits, and the peaks inside and in the queue by a sweep line over the admitted/exited and arrived/admitted
/// times (a window sum; the hot write path is untouched) — and publishes <c>OccupancyDayClosed</c> with the
/// <c>day_closes</c> row in one transaction; an idle hall gets a zero summary. Each pass recounts the last two
/// closed days: an exit recorded late publishes the next revision.
/// </summary>
public sealed class DayCloseSweep(IOptions<DayCloseSweepOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<DayCloseSweep> logger)
    : PeriodicSweep(options.Value.Interval, scopeFactory, timeProvider, logger)
{
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<OccupancyDbContext>();
        var halls = await db.Halls.AsNoTracking().Select(h => new { h.Id, h.TimeZone }).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var hall in halls)
        {
            foreach (var date in HallDayCloses.DaysToCount(hall.TimeZone, now))
            {
                published += await CloseAsync(db, hall.Id, hall.TimeZone, date, cancellationToken);
            }
        }

        return published;
    }

    /// <summary>Counts one hall-day and publishes it when new or changed (tests call it for a date of their own).</summary>
    public async Task<int> CloseAsync(OccupancyDbContext db, string hallId, string timeZone, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (start, end) = HallDayCloses.Day(timeZone, date);
        var from = start.AddDays(-1);
        var counts = await db.Database.SqlQuery<CountRow>($"""
            SELECT count(*) FILTER (WHERE admitted_at >= {start} AND admitted_at < {end})::int AS admissions,
                   count(*) FILTER (WHERE state = 'turned_away' AND arrived_at >= {start})::int AS turned_away,
                   count(*) FILTER (WHERE exited_at >= {start} AND exited_at < {end})::int AS exits
            FROM admissions WHERE hall_id = {hallId} AND arrived_at >= {from} AND arrived_at < {end}
            """).SingleAsync(cancellationToken);
        // +1 when a person comes in (at the day's start for one already inside), -1 when they leave; a leave sorts
        // before a come at the same instant. The running sum's highest point, first reached.
        var inside = await db.Database.SqlQuery<PeakRow>($"""
            WITH a AS (
                SELECT admitted_at, exited_at FROM admissions
                WHERE hall_id = {hallId} AND arrived_at >= {from} AND arrived_at < {end}
                  AND admitted_at IS NOT NULL AND admitted_at < {end} AND (exited_at IS NULL OR exited_at > {start})),
            ev AS (
                SELECT GREATEST(admitted_at, {start}) AS t, 1 AS d FROM a
                UNION ALL SELECT exited_at, -1 FROM a WHERE exited_at < {end}),
            run AS (SELECT t, sum(d) OVER (ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS n FROM ev)
            SELECT n::int AS peak, t AS "at" FROM run ORDER BY n DESC, t LIMIT 1
            """).ToListAsync(cancellationToken);
        var queue = await db.Database.SqlQuery<PeakRow>($"""
            WITH q AS (
                SELECT arrived_at, admitted_at FROM admissions
                WHERE hall_id = {hallId} AND arrived_at >= {from} AND arrived_at < {end}
                  AND (admitted_at > arrived_at OR (admitted_at IS NULL AND state = 'queued'))
                  AND (admitted_at IS NULL OR admitted_at > {start})),
            ev AS (
                SELECT GREATEST(arrived_at, {start}) AS t, 1 AS d FROM q
                UNION ALL SELECT admitted_at, -1 FROM q WHERE admitted_at < {end}),
            run AS (SELECT t, sum(d) OVER (ORDER BY t, d ROWS UNBOUNDED PRECEDING) AS n FROM ev)
            SELECT n::int AS peak, t AS "at" FROM run ORDER BY n DESC, t LIMIT 1
            """).ToListAsync(cancellationToken);
        var peakInside = inside.SingleOrDefault() is { Peak: > 0 } i ? i : new PeakRow(0, null);
        var peakQueue = queue.SingleOrDefault() is { Peak: > 0 } q ? q : new PeakRow(0, null);
        var figures = new { counts, peakInside, peakQueue };
        return await HallDayCloses.PublishIfChangedAsync(
            db, TimeProvider, hallId, date, figures,
            revision => new OccupancyDayClosed(hallId, date, timeZone, revision, counts.Admissions, counts.TurnedAway,
                peakInside.Peak, peakInside.At, peakQueue.Peak, peakQueue.At, counts.Exits, TimeProvider.GetUtcNow()),
            cancellationToken);
    }

    private sealed record CountRow(int Admissions, int TurnedAway, int Exits);

    private sealed record PeakRow(int Peak, DateTimeOffset? At);
}
