using CivicHall.Contracts.Bookings.V1;
using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Booking.Reports;

public sealed class DayCloseSweepOptions
{
    /// <summary>How often the last closed days are counted (and recounted).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Closes each known hall's local day for the daily report (日报告): once the hall's midnight has passed, counts the
/// bookings of the day's slots by channel from <c>bookings</c> (by its (hall, date, status) index) — booked, served,
/// no-shows, cancelled — and publishes <c>BookingDayClosed</c> with the <c>day_closes</c> row in one transaction; a
/// hall with no booking gets a zero summary. Each pass recounts the last two closed days: a no-show marked after
/// midnight, or a booking moved off the day, publishes the next revision.
/// </summary>
public sealed class DayCloseSweep(IOptions<DayCloseSweepOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<DayCloseSweep> logger)
    : PeriodicSweep(options.Value.Interval, scopeFactory, timeProvider, logger)
{
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<BookingDbContext>();
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
    public async Task<int> CloseAsync(BookingDbContext db, string hallId, string timeZone, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Database.SqlQuery<ChannelRow>($"""
            SELECT channel AS channel, count(*)::int AS booked,
                   count(*) FILTER (WHERE status = 'served')::int AS served,
                   count(*) FILTER (WHERE status = 'no_show')::int AS no_show,
                   count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
            FROM bookings WHERE hall_id = {hallId} AND date = {date}
            GROUP BY channel ORDER BY channel
            """).ToListAsync(cancellationToken);
        var channels = rows.Select(r => new BookingChannelFigures(r.Channel, new BookingFigures(r.Booked, r.Served, r.NoShow, r.Cancelled))).ToList();
        var totals = new BookingFigures(rows.Sum(r => r.Booked), rows.Sum(r => r.Served), rows.Sum(r => r.NoShow), rows.Sum(r => r.Cancelled));
        return await HallDayCloses.PublishIfChangedAsync(
            db, TimeProvider, hallId, date, new { totals, channels },
            revision => new BookingDayClosed(hallId, date, timeZone, revision, totals, channels, TimeProvider.GetUtcNow()), cancellationToken);
    }

    private sealed record ChannelRow(string Channel, int Booked, int Served, int NoShow, int Cancelled);
}
