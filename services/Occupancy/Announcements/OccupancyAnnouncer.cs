using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Floor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CivicHall.Occupancy.Announcements;

public sealed class OccupancyAnnouncerOptions
{
    /// <summary>How often to look for halls that changed since their last announcement.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most one <see cref="OccupancyChanged"/> per hall this often.</summary>
    public TimeSpan Throttle { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Publishes <see cref="OccupancyChanged"/> throttled: for every hall that changed since its last
/// announcement, at most one per <see cref="OccupancyAnnouncerOptions.Throttle"/>, and always one after
/// the last change, so consumers (booking, the daily report) follow the floor without a message per
/// movement. The live feed, not this event, carries every change. Safe on many replicas: claiming a
/// hall's announcement is one conditional update of its row.
/// </summary>
public sealed partial class OccupancyAnnouncer(
    IServiceScopeFactory scopes, TimeProvider timeProvider, IOptions<OccupancyAnnouncerOptions> options, ILogger<OccupancyAnnouncer> logger)
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

            await Task.Delay(options.Value.CheckInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Announces every hall that is due; returns how many.</summary>
    public async Task<int> AnnounceDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var dueBefore = now - options.Value.Throttle;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OccupancyDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var halls = await db.HallOccupancies
            .FromSql(
                $"""
                UPDATE hall_occupancy SET announced_sequence = sequence, announced_at = {now}
                WHERE sequence > announced_sequence AND announced_at <= {dueBefore}
                RETURNING *
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (halls.Count == 0)
        {
            return 0;
        }

        var ids = halls.Select(h => h.HallId).ToList();
        var zones = await db.Zones.AsNoTracking().Where(z => ids.Contains(z.HallId)).OrderBy(z => z.ZoneId).ToListAsync(cancellationToken);
        foreach (var hall in halls)
        {
            db.AddIntegrationEvent(
                new OccupancyChanged(
                    hall.HallId, hall.Sequence, hall.Inside, hall.Capacity, hall.QueueLength, hall.StaffPresent,
                    hall.ReceptionDate == FloorEndpoints.LocalDate(hall.TimeZone, now) ? hall.ReceivedToday : 0, hall.DailyQuota,
                    [.. zones.Where(z => z.HallId == hall.HallId).Select(z => ZoneView.From(z).ToEvent())], now),
                timeProvider);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return halls.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Announcing occupancy failed; trying again at the next check")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
