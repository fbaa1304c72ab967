using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Incident.Reports;

public sealed class ReportDeadlineSweepOptions
{
    /// <summary>How often reports past their deadline are looked for.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After the hall's local midnight ending the day, when the report goes out with the sources still missing (local 02:00).</summary>
    public TimeSpan DeadlineAfterDayEnd { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>
/// Publishes the daily reports still pending at their deadline (the hall's local 02:00 after the day, by default),
/// naming the sources missing; a summary arriving later corrects the report. Every known hall gets a report for its
/// last closed day, even one no source has spoken of. The row lock makes it once on any number of replicas.
/// </summary>
public sealed class ReportDeadlineSweep(
    IOptions<ReportDeadlineSweepOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<ReportDeadlineSweep> logger)
    : PeriodicSweep(options.Value.Interval, scopeFactory, timeProvider, logger)
{
    private readonly TimeSpan _afterDayEnd = options.Value.DeadlineAfterDayEnd;

    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IncidentDbContext>();
        var halls = await db.Halls.AsNoTracking().Where(h => h.Version > 0).Select(h => new { h.HallId, h.TimeZone })
            .ToListAsync(cancellationToken);
        // A hall's last day whose deadline has passed, and any older report still pending.
        var due = new List<(string HallId, DateOnly Date, string TimeZone)>();
        foreach (var hall in halls)
        {
            var date = HallTime.LocalDate(hall.TimeZone, now).AddDays(-1);
            if (now < DailyReportRules.Deadline(hall.TimeZone, date, _afterDayEnd))
            {
                date = date.AddDays(-1);
            }

            due.Add((hall.HallId, date, hall.TimeZone));
        }

        var pending = await db.DailyReports.AsNoTracking().Where(r => r.Revision == 0)
            .Select(r => new { r.HallId, r.LocalDate, r.TimeZone }).ToListAsync(cancellationToken);
        due.AddRange(pending.Where(p => now >= DailyReportRules.Deadline(p.TimeZone, p.LocalDate, _afterDayEnd)).Select(p => (p.HallId, p.LocalDate, p.TimeZone)));
        var published = 0;
        foreach (var (hallId, date, timeZone) in due.Distinct().Order())
        {
            published += await TransientRetry.RunAsync(() => PublishIfPendingAsync(db, hallId, date, timeZone, now, cancellationToken));
        }

        return published;
    }

    private async Task<int> PublishIfPendingAsync(IncidentDbContext db, string hallId, DateOnly date, string timeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await db.DailyReports.AnyAsync(r => r.HallId == hallId && r.LocalDate == date && r.Revision > 0, cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = await DailyReportStore.LockAsync(db, hallId, date, timeZone, now, cancellationToken);
        if (report.IsPublished)
        {
            // A last summary, or another replica, published it meanwhile.
            return 0;
        }

        await DailyReportStore.PublishAsync(db, TimeProvider, report, [], now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return 1;
    }
}
