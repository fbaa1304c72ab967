using CivicHall.ServiceDefaults.Hosting;

namespace CivicHall.Screening.Screenings;

/// <summary>
/// Deletes screening records past their retention (DESIGN §6: personal and health data only for the
/// policy's retention period), except those an incident holds for contact tracing. Runs every
/// <see cref="Interval"/>; replicas may run it together (deletes by batch are harmless to repeat).
/// </summary>
public sealed partial class ScreeningRecordPurger(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<ScreeningRecordPurger> logger)
    : PeriodicSweep(Interval, scopeFactory, timeProvider, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private const int BatchSize = 1000;

    /// <summary>Deletes every record past its retention that no incident holds; returns how many.</summary>
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ScreeningDbContext>();
        var purged = 0;
        int batch;
        do
        {
            batch = await db.Database.ExecuteSqlAsync(
                $"""
                DELETE FROM screening_records WHERE id IN (
                    SELECT id FROM screening_records WHERE purge_after < {now} AND held_by IS NULL LIMIT {BatchSize})
                """,
                cancellationToken);
            purged += batch;
        }
        while (batch == BatchSize);

        if (purged > 0)
        {
            LogPurged(Logger, purged);
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} screening records past their retention")]
    private static partial void LogPurged(ILogger logger, int count);
}
