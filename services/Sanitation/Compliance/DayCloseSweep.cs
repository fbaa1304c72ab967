using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Tasks;
using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Sanitation.Compliance;

public sealed class DayCloseSweepOptions
{
    /// <summary>How often hall-days past their end are looked for.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Closes each generated hall-day once its local day is over (the hall's midnight after it, plus the plan's
/// grace, so the last windows' records count) and the overdue sweep has judged all its tasks (none still
/// <c>due</c>): stores the day's <see cref="ComplianceView"/> and publishes
/// <c>SanitationDayClosed</c> in the same transaction (the outbox). The (hall, date) key of
/// <c>sanitation_closed_days</c> makes the close happen once on any number of replicas.
/// </summary>
public sealed class DayCloseSweep(IOptions<DayCloseSweepOptions> options, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<DayCloseSweep> logger)
    : PeriodicSweep(options.Value.Interval, scopeFactory, timeProvider, logger)
{
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SanitationDbContext>();
        // No time zone is more than a day ahead of UTC: later dates cannot be over anywhere.
        var latest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var open = await db.GeneratedDays.AsNoTracking()
            .Where(d => d.LocalDate < latest && !db.ClosedDays.Any(c => c.HallId == d.HallId && c.LocalDate == d.LocalDate))
            .OrderBy(d => d.HallId).ThenBy(d => d.LocalDate).Select(d => new { d.HallId, d.LocalDate }).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var hallDays in open.GroupBy(d => d.HallId))
        {
            if (await db.Halls.FindKnownAsync(hallDays.Key, cancellationToken) is not { } hall)
            {
                continue;
            }

            foreach (var day in hallDays)
            {
                var dayEnd = HallTime.At(hall.TimeZone, day.LocalDate.AddDays(1), TimeOnly.MinValue).ToUniversalTime();
                if (now < dayEnd)
                {
                    break;
                }

                var plan = await SanitationPlans.InForceAsync(db, hall.HallId, dayEnd, cancellationToken);
                var date = day.LocalDate;
                if (now < dayEnd + TimeSpan.FromMinutes(plan.GraceMinutes)
                    || await db.Tasks.AnyAsync(t => t.HallId == hall.HallId && t.LocalDate == date && t.State == TaskState.Due, cancellationToken))
                {
                    // Not over, or the overdue sweep has not judged every task yet (missed, or skipped where the
                    // room stood empty): the figures wait for it.
                    break;
                }

                closed += await TransientRetry.RunAsync(() => CloseAsync(db, hall, day.LocalDate, now, cancellationToken));
            }
        }

        return closed;
    }

    private async Task<int> CloseAsync(SanitationDbContext db, KnownHall hall, DateOnly date, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var figures = await ComplianceStore.ComputeAsync(db, hall, date, now, now, cancellationToken);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sanitation_closed_days (hall_id, local_date, closed_at, figures)
            VALUES ({hall.HallId}, {date}, {now}, {JsonColumnExtensions.ToJsonb(figures)}::jsonb)
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            // Another replica closed it first.
            return 0;
        }

        db.AddIntegrationEvent(Event(figures, now), TimeProvider);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return 1;
    }

    private static SanitationDayClosed Event(ComplianceView day, DateTimeOffset now) => new(
        day.HallId, day.Date, day.TimeZone,
        [.. day.ZoneKinds.Select(k => new SanitationZoneKindFigures(k.ZoneKind, Figures(k.Tasks)))],
        Figures(day.Totals), day.SuppliesLow, day.WasteBagsOpen, now);

    private static SanitationTaskFigures Figures(TaskFigures f) =>
        new(f.Planned, f.DoneOnTime, f.Late, f.Missed, f.Open, f.Skipped, f.VentilationMinutes, f.VentilationPlannedMinutes);
}
