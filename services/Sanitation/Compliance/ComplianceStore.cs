using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Supplies;
using CivicHall.Sanitation.Tasks;
using CivicHall.Sanitation.Waste;

namespace CivicHall.Sanitation.Compliance;

/// <summary>Reads a hall-day's tasks, airing records, supplies and waste bags into its <see cref="ComplianceView"/>.</summary>
public static class ComplianceStore
{
    /// <summary>The kind shown for an airing recorded in a zone the hall no longer has and no task names.</summary>
    public const string RemovedZone = "removed_zone";

    public static async Task<ComplianceView> ComputeAsync(
        SanitationDbContext db, KnownHall hall, DateOnly date, DateTimeOffset now, DateTimeOffset? closedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(hall);
        var plan = await SanitationPlans.InForceAsync(db, hall.HallId, now, cancellationToken);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.HallId == hall.HallId && t.LocalDate == date)
            .Select(t => new { t.ZoneId, Fact = new TaskFact(t.ZoneKind, t.RuleKind, t.State, t.WindowStart, t.WindowEnd, t.MinMinutes, t.WhileOccupied) })
            .ToListAsync(cancellationToken);
        var airings = await db.Records.AsNoTracking()
            .Where(r => r.HallId == hall.HallId && r.LocalDate == date && r.Method == Methods.Ventilate)
            .Select(r => new { r.ZoneId, r.StartedAt, r.EndedAt }).ToListAsync(cancellationToken);

        var kindOf = hall.Zones.ToDictionary(z => z.ZoneId, z => z.Kind, StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            kindOf.TryAdd(task.ZoneId, task.Fact.ZoneKind);
        }

        var figures = ComplianceCalculator.Compute(
            tasks.Select(t => t.Fact),
            airings.Select(a => new AiringFact(kindOf.GetValueOrDefault(a.ZoneId, RemovedZone), a.StartedAt, a.EndedAt)),
            now - TimeSpan.FromMinutes(plan.GraceMinutes));

        var today = HallTime.LocalDate(hall.TimeZone, now);
        var low = (await SupplyStore.ListAsync(db, hall.HallId, today, cancellationToken)).Where(i => i.Low).Select(i => i.ItemId).ToList();
        var bagsOpen = await WasteStore.CountOpenAsync(db, hall.HallId, cancellationToken);
        return new ComplianceView(hall.HallId, date, hall.TimeZone, figures.ZoneKinds, figures.Totals, low, bagsOpen, closedAt);
    }
}
