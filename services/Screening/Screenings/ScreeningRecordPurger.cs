using CivicHall.Screening.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Screening.Screenings;

/// <summary>
/// Deletes screening records past their retention (DESIGN §6: personal and health data only for the
/// policy's retention period), except those an incident holds for contact tracing. Runs every
/// <see cref="Interval"/>; replicas may run it together (deletes by batch are harmless to repeat).
/// </summary>
public sealed partial class ScreeningRecordPurger(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<ScreeningRecordPurger> logger) : BackgroundService
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
        var db = scope.ServiceProvider.GetRequiredService<ScreeningDbContext>();
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
            LogPurged(purged);
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} screening records past their retention")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging screening records failed; retrying at the next tick")]
    private partial void LogPurgeFailed(Exception exception);
}
