using CivicHall.ServiceDefaults.Hosting;

namespace CivicHall.Occupancy.Records;

/// <summary>
/// Deletes admission and zone-presence records past the policy's retention (DESIGN §6), except visits
/// still under way and those an incident holds for contact tracing (with their presences). Runs every
/// <see cref="Interval"/>; replicas may run it together (deletes by batch are harmless to repeat).
/// </summary>
public sealed partial class MovementRecordPurger(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<MovementRecordPurger> logger)
    : PeriodicSweep(Interval, scopeFactory, timeProvider, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private const int BatchSize = 1000;

    /// <summary>Deletes every record past its retention that no incident holds; returns how many.</summary>
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<OccupancyDbContext>();
        var purged = 0;
        int batch;
        do
        {
            batch = await db.Database.ExecuteSqlAsync(
                $"""
                DELETE FROM zone_presences WHERE id IN (
                    SELECT p.id FROM zone_presences p
                    WHERE p.purge_after < {now} AND p.left_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM admissions a WHERE a.id = p.admission_id AND a.held_by IS NOT NULL)
                    LIMIT {BatchSize})
                """,
                cancellationToken);
            batch += await db.Database.ExecuteSqlAsync(
                $"""
                DELETE FROM admissions WHERE id IN (
                    SELECT a.id FROM admissions a
                    WHERE a.purge_after < {now} AND a.held_by IS NULL AND a.state NOT IN ('queued', 'inside')
                      AND NOT EXISTS (SELECT 1 FROM zone_presences p WHERE p.admission_id = a.id)
                    LIMIT {BatchSize})
                """,
                cancellationToken);
            purged += batch;
        }
        while (batch > 0);

        if (purged > 0)
        {
            LogPurged(Logger, purged);
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} admission and presence records past their retention")]
    private static partial void LogPurged(ILogger logger, int count);
}
