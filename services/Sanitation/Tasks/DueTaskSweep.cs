using CivicHall.Sanitation.Meetings;
using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Sanitation.Tasks;

public sealed class DueTaskSweepOptions
{
    /// <summary>
    /// How often every hall's today and tomorrow are checked. It is also how soon a change of hours or zones
    /// (HallConfigured, applied by the shared hall directory) reaches the tasks.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Keeps every hall's today and tomorrow (in the hall's own time zone) generated: the new day appears
/// as the hall's midnight passes, and changes of hours or zones are applied within an interval. A pass
/// is a handful of queries for all halls: it works out each hall-day's <see cref="DayFingerprint"/> (hall
/// version, plan version in force, meetings) and generates only the days whose fingerprint differs from
/// their last generation's (or that were never generated). Safe on many replicas: each hall-day is
/// generated under its own lock.
/// </summary>
public sealed class DueTaskSweep(IOptions<DueTaskSweepOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<DueTaskSweep> logger)
    : PeriodicSweep(options.Value.Interval, scopeFactory, timeProvider, logger)
{
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SanitationDbContext>();
        var days = services.GetRequiredService<TaskDays>();
        var halls = await db.Halls.AsNoTracking().Where(h => h.Version > 0)
            .OrderBy(h => h.HallId).Select(h => new { h.HallId, h.TimeZone, h.Version }).ToListAsync(cancellationToken);
        if (halls.Count == 0)
        {
            return 0;
        }

        var hallDays = halls.SelectMany(h => TaskDays.Horizon(h.TimeZone, now).Select(date =>
        {
            var dayStart = HallTime.At(h.TimeZone, date, TimeOnly.MinValue).ToUniversalTime();
            return (h.HallId, h.Version, Date: date, DayStart: dayStart, PlanAt: dayStart > now ? dayStart : now);
        })).ToList();
        var hallIds = halls.Select(h => h.HallId).ToList();
        var stored = await days.FingerprintsAsync(hallIds, hallDays.Min(d => d.Date), hallDays.Max(d => d.Date), cancellationToken);

        var latestPlanAt = hallDays.Max(d => d.PlanAt);
        var plans = (await db.Plans.AsNoTracking().Where(p => hallIds.Contains(p.HallId) && p.EffectiveFrom <= latestPlanAt)
                .Select(p => new { p.HallId, p.Version, p.EffectiveFrom }).ToListAsync(cancellationToken))
            .ToLookup(p => p.HallId);

        var meetingsFrom = hallDays.Min(d => TaskDays.MeetingWindow(d.DayStart).From);
        var meetingsTo = hallDays.Max(d => TaskDays.MeetingWindow(d.DayStart).To);
        var meetings = (await db.Meetings.AsNoTracking()
                .Where(m => hallIds.Contains(m.HallId) && m.Status == MeetingStatus.Scheduled && m.StartsAt >= meetingsFrom && m.StartsAt < meetingsTo)
                .Select(m => new { m.HallId, Meeting = new ScheduledMeeting(m.MeetingId, m.ZoneId, m.StartsAt, m.EndsAt) }).ToListAsync(cancellationToken))
            .ToLookup(m => m.HallId, m => m.Meeting);

        var changed = 0;
        foreach (var day in hallDays)
        {
            // The same choice as TaskDays: the latest version to take effect by then (the defaults, version 0, before the first).
            var planVersion = plans[day.HallId].Where(p => p.EffectiveFrom <= day.PlanAt)
                .OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Version)
                .Select(p => p.Version).FirstOrDefault();
            var (from, to) = TaskDays.MeetingWindow(day.DayStart);
            var fingerprint = DayFingerprint.Of(day.Version, planVersion, meetings[day.HallId].Where(m => m.StartsAt >= from && m.StartsAt < to));
            if (stored.TryGetValue((day.HallId, day.Date), out var last) && last == fingerprint)
            {
                continue;
            }

            changed += await days.RegenerateAsync(day.HallId, day.Date, cancellationToken);
        }

        return changed;
    }
}
