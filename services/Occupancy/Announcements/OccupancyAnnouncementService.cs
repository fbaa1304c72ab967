using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Outbox;
using Microsoft.Extensions.Options;

namespace CivicHall.Occupancy.Announcements;

/// <summary>
/// Publishes <see cref="OccupancyChanged"/> throttled: for every hall that changed since its last
/// announcement, at most one per <see cref="OccupancyAnnouncementOptions.Throttle"/>, and always one after
/// the last change, so consumers (booking, the daily report) follow the floor without a message per
/// movement. The live feed, not this event, carries every change. Safe on many replicas: claiming a
/// hall's announcement is one conditional update of its row.
/// </summary>
public sealed partial class OccupancyAnnouncementService(
    IServiceScopeFactory scopes, TimeProvider timeProvider, IOptions<OccupancyAnnouncementOptions> options, ILogger<OccupancyAnnouncementService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await AnnounceDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(options.Value.CheckInterval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Announces every hall that is due; returns how many. Each hall in a transaction of its own that
    /// locks only that hall's row: a statement that locked many halls at once, in no set order, took
    /// part in deadlocks with the movements (which lock their hall and wait for nothing else) and with
    /// inbox groups (which lock their halls in order).
    /// </summary>
    public async Task<int> AnnounceDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var dueBefore = now - options.Value.Throttle;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OccupancyDbContext>();
        var due = await db.HallOccupancies.AsNoTracking()
            .Where(h => h.Sequence > h.AnnouncedSequence && h.AnnouncedAt <= dueBefore)
            .OrderBy(h => h.HallId)
            .Select(h => h.HallId)
            .ToListAsync(cancellationToken);
        var announced = 0;
        foreach (var hallId in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var hall = (await db.HallOccupancies
                .FromSql(
                    $"""
                    UPDATE hall_occupancy SET announced_sequence = sequence, announced_at = {now}
                    WHERE hall_id = {hallId} AND sequence > announced_sequence AND announced_at <= {dueBefore}
                    RETURNING *
                    """)
                .AsNoTracking()
                .ToListAsync(cancellationToken))
                .SingleOrDefault();
            if (hall is null)
            {
                continue; // another replica announced it meanwhile
            }

            var zones = await db.Zones.AsNoTracking().Where(z => z.HallId == hallId).OrderBy(z => z.ZoneId).ToListAsync(cancellationToken);
            db.AddIntegrationEvent(
                new OccupancyChanged(
                    hall.HallId, hall.Sequence, hall.Inside, hall.Capacity, hall.QueueLength, hall.StaffPresent,
                    hall.ReceptionDate == HallTime.LocalDate(hall.TimeZone, now) ? hall.ReceivedToday : 0, hall.DailyQuota,
                    [.. zones.Select(z => ZoneView.From(z).ToEvent(z.Entered))], now),
                timeProvider);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            announced++;
        }

        return announced;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcing occupancy failed; trying again at the next check")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
