using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Sanitation.Tasks;

public sealed class DueTaskSweepOptions
{
    /// <summary>
    /// How often every hall's today and tomorrow are generated again. It is also how soon a change of
    /// hours or zones (HallConfigured, applied by the shared hall directory) reaches the tasks.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Keeps every hall's today and tomorrow (in the hall's own time zone) generated: the new day appears
/// as the hall's midnight passes, and changes of hours or zones are applied within an interval. Safe
/// on many replicas: each hall-day is generated under its own lock, and a generation with nothing new
/// writes nothing.
/// </summary>
public sealed class DueTaskSweep(IOptions<DueTaskSweepOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<DueTaskSweep> logger)
    : PeriodicSweep(options.Value.Interval, scopeFactory, timeProvider, logger)
{
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SanitationDbContext>();
        var days = services.GetRequiredService<TaskDays>();
        var halls = await db.Halls.AsNoTracking().Where(h => h.Version > 0)
            .OrderBy(h => h.HallId).Select(h => new { h.HallId, h.TimeZone }).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var hall in halls)
        {
            foreach (var date in TaskDays.Horizon(hall.TimeZone, now))
            {
                changed += await days.RegenerateAsync(hall.HallId, date, cancellationToken);
            }
        }

        return changed;
    }
}
