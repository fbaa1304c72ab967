using CivicHall.Booking.Replanning;
using Microsoft.Extensions.Options;

namespace CivicHall.Booking.Slots;

/// <summary>
/// Re-plans every planned day from today on whose inputs changed — the hall (from its event), the policy,
/// the items — without waiting for someone to ask for the day, so bookings that no longer fit are moved
/// (or cancelled) and their citizens told while there is time. Also re-checks today and tomorrow, where a
/// policy version can take effect with no change being written. Runs every
/// <see cref="ReplanningOptions.Interval"/>, and at once when this replica changed a policy or an item (<see cref="ReplanSignal"/>).
/// </summary>
public sealed partial class ReplanService(
    ReplanSignal signal, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, IOptions<ReplanningOptions> options, ILogger<ReplanService> logger) : BackgroundService
{
    /// <summary>One pass: re-plans every stale day; returns how many days it looked at.</summary>
    public async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var slotStore = scope.ServiceProvider.GetRequiredService<SlotStore>();
        // Local dates run up to a day either side of UTC's.
        var from = today.AddDays(-1);
        var soon = today.AddDays(1);
        var days = await db.PlannedDays.AsNoTracking()
            .Join(db.CatalogVersions, d => d.HallId, v => v.HallId, (d, v) => new { d.HallId, d.Date, d.CatalogVersion, Current = v.Version })
            .Where(d => d.Date >= from && (d.CatalogVersion < d.Current || d.Date <= soon))
            .OrderBy(d => d.Date)
            .ToListAsync(cancellationToken);
        foreach (var day in days)
        {
            await slotStore.EnsurePlannedAsync(day.HallId, day.Date, cancellationToken);
            await db.PlannedDays.Where(d => d.HallId == day.HallId && d.Date == day.Date && d.CatalogVersion < day.Current)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.CatalogVersion, day.Current), cancellationToken);
        }

        return days.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var tick = Task.Delay(options.Value.Interval, timeProvider, wake.Token);
                var nudged = signal.WaitAsync(wake.Token);
                await Task.WhenAny(tick, nudged);
                await wake.CancelAsync(); // the loser gives up; a cancelled wait takes no nudge
                await Task.WhenAll(tick, nudged).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-planning pass failed; retrying at the next one")]
    private partial void LogPassFailed(Exception exception);
}
