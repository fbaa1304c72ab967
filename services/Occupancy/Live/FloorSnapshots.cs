using Microsoft.Extensions.Options;

namespace CivicHall.Occupancy.Live;

/// <summary>The floor metrics' settings (<c>Occupancy:Metrics</c>).</summary>
public sealed class FloorSnapshotOptions
{
    /// <summary>How often the whole floor is read for the gauges (one query over every hall's zones); the feed keeps them current in between.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Reads every hall's floor (queue, zone counts and capacities, and the change sequence they are as of)
/// in one statement at start and then every <see cref="FloorSnapshotOptions.SnapshotInterval"/>, for
/// <see cref="FloorGauges"/>: the gauges start with every hall, not only those that changed since, and are
/// put right after anything the feed missed. Nothing is read while no one collects the gauges.
/// </summary>
public sealed partial class FloorSnapshots(
    IServiceScopeFactory scopes, FloorGauges gauges, IOptions<FloorSnapshotOptions> options, TimeProvider timeProvider, ILogger<FloorSnapshots> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (OccupancyTelemetry.Inside.Enabled || OccupancyTelemetry.Queued.Enabled || OccupancyTelemetry.Capacity.Enabled)
                {
                    await ReadAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The gauges go on with what the feed tells them; the next pass tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(options.Value.SnapshotInterval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// One read of the whole floor: halls and zones in one statement, so counts and sequence agree. The
    /// columns keep their snake_case names: the context maps <see cref="FloorRow"/>'s properties by the
    /// snake_case convention, as it does the entities'.
    /// </summary>
    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OccupancyDbContext>();
        var rows = await db.Database.SqlQuery<FloorRow>($"""
            SELECT h.hall_id, h.sequence, h.queue_length, z.zone_id, z.count, z.capacity
            FROM hall_occupancy h LEFT JOIN occupancy_zones z ON z.hall_id = h.hall_id
            """).ToListAsync(cancellationToken);
        foreach (var hall in rows.GroupBy(r => r.HallId, StringComparer.Ordinal))
        {
            var first = hall.First();
            gauges.ApplySnapshot(
                hall.Key, first.Sequence, first.QueueLength,
                hall.Where(r => r.ZoneId is not null).Select(r => KeyValuePair.Create(r.ZoneId!, new ZoneGauge(r.Count ?? 0, r.Capacity ?? 0))));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the floor for the occupancy gauges failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    private sealed record FloorRow(string HallId, long Sequence, int QueueLength, string? ZoneId, int? Count, int? Capacity);
}
