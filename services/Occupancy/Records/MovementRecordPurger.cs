using CivicHall.Occupancy.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Occupancy.Records;

/// <summary>
/// Deletes admission and zone-presence records past the policy's retention (DESIGN §6), except visits
/// still under way and those an incident holds for contact tracing (with their presences). Runs every
/// <see cref="Interval"/>; replicas may run it together (deletes by batch are harmless to repeat).
/// </summary>
public sealed partial class MovementRecordPurger(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<MovementRecordPurger> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed purge is retried at the next tick (database restarts included).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPurgeFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes every record past its retention that no incident holds; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OccupancyDbContext>();
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
            LogPurged(purged);
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} admission and presence records past their retention")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging admission records failed; retrying at the next tick")]
    private partial void LogPurgeFailed(Exception exception);
}
