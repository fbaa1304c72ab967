using CivicHall.Occupancy.Halls;
using Microsoft.Extensions.Options;

namespace CivicHall.Occupancy.Planning;

/// <summary>
/// Plans the floor of halls that have none yet (created before this service planned floors) and
/// re-plans a hall when a policy version scheduled for later takes effect.
/// </summary>
public sealed partial class FloorPlanActivationService(
    IServiceScopeFactory scopes, TimeProvider timeProvider, IOptions<FloorPlanOptions> options, ILogger<FloorPlanActivationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ActivateDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(options.Value.CheckInterval, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Re-plans every hall that is due; returns how many.</summary>
    public async Task<int> ActivateDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OccupancyDbContext>();
            due = await db.Database.SqlQuery<string>(
                $"""
                SELECT h.id AS "Value" FROM halls h LEFT JOIN hall_occupancy o ON o.hall_id = h.id
                WHERE o.hall_id IS NULL OR o.policy_version <> COALESCE((
                    SELECT p.version FROM occupancy_policies p WHERE p.hall_id = h.id AND p.effective_from <= {now}
                    ORDER BY p.effective_from DESC, p.version DESC LIMIT 1), 0)
                """).ToListAsync(cancellationToken);
        }

        foreach (var hallId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OccupancyDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var hall = await db.Halls.FromSql($"SELECT * FROM halls WHERE id = {hallId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
            if (hall is not null && await scope.ServiceProvider.GetRequiredService<FloorPlanStore>().ApplyAsync(hall, cancellationToken) is null)
            {
                await transaction.CommitAsync(cancellationToken);
                LogPlanned(logger, hallId);
            }
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Floor of hall {HallId} planned under the policy in force")]
    private static partial void LogPlanned(ILogger logger, string hallId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Planning floors failed; trying again at the next check")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
