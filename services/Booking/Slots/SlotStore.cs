using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;

namespace CivicHall.Booking.Slots;

/// <summary>
/// Keeps the stored slots, place counters and quota counters of a hall-day in line with its plan. A day is
/// planned when first asked for and planned again whenever the hall, the policy in force or the
/// items changed since; existing bookings keep their places through a re-plan. Callers check the
/// booking horizon first: only today and the days ahead are ever planned.
/// </summary>
public sealed class SlotStore(BookingDbContext db, ISlotBookings slotBookings, TimeProvider timeProvider)
{
    /// <summary>Plans the day if it is not planned from the current inputs. Null when the hall is unknown.</summary>
    public async Task<PlanningOutcome> EnsurePlannedAsync(string hallId, DateOnly date, CancellationToken cancellationToken)
    {
        var hall = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.HallId == hallId, cancellationToken);
        if (hall is null)
        {
            return PlanningOutcome.HallUnknown;
        }

        var hallDay = HallDay.Of(hall);
        // The rules of a day are those in force when it begins, or now for today: a version that
        // takes effect today applies to what is left of today.
        var dayStart = hallDay.At(date, TimeOnly.MinValue);
        var now = timeProvider.GetUtcNow();
        var policy = await BookingPolicies.InForceAsync(db, hallId, dayStart > now ? dayStart : now, cancellationToken);
        if (policy is null)
        {
            return PlanningOutcome.NotConfigured;
        }

        var items = await db.ServiceItems.AsNoTracking().Where(i => i.HallId == hallId).ToListAsync(cancellationToken);
        var stamp = ItemsStamp(items);
        if (await IsCurrentAsync(hallId, date, hall.Version, policy.Version, stamp, cancellationToken))
        {
            return PlanningOutcome.Planned(hallDay, policy);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({hallId + "/" + date.ToString("O", CultureInfo.InvariantCulture)}, 0))", cancellationToken);
            db.ChangeTracker.Clear();
            if (!await IsCurrentAsync(hallId, date, hall.Version, policy.Version, stamp, cancellationToken))
            {
                await ApplyAsync(hallDay, hall.Version, policy, items, stamp, date, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });
        return PlanningOutcome.Planned(hallDay, policy);
    }

    private Task<bool> IsCurrentAsync(string hallId, DateOnly date, long hallVersion, int policyVersion, string stamp, CancellationToken cancellationToken) =>
        db.PlannedDays.AsNoTracking().AnyAsync(
            d => d.HallId == hallId && d.Date == date && d.HallVersion == hallVersion && d.PolicyVersion == policyVersion && d.ItemsStamp == stamp,
            cancellationToken);

    private async Task ApplyAsync(
        HallDay hall, long hallVersion, BookingPolicy policy, List<ServiceItem> items, string stamp, DateOnly date, CancellationToken cancellationToken)
    {
        var plan = DaySlotCalculator.Plan(hall, policy, items, date).ToDictionary(s => s.SlotId, StringComparer.Ordinal);
        var existing = await db.Slots.Where(s => s.HallId == hall.HallId && s.Date == date).ToListAsync(cancellationToken);
        foreach (var slot in existing)
        {
            if (plan.Remove(slot.SlotId, out var planned))
            {
                slot.StartsAt = planned.StartsAt.ToUniversalTime();
                slot.EndsAt = planned.EndsAt.ToUniversalTime();
                slot.Capacity = planned.Capacity;
                slot.Reserve = planned.Reserve;
                slot.Status = SlotStatus.Open;
            }
            else
            {
                slot.Capacity = 0;
                slot.Reserve = 0;
                slot.Status = SlotStatus.Withdrawn;
            }
        }

        foreach (var planned in plan.Values)
        {
            var slot = new Slot
            {
                HallId = hall.HallId,
                SlotId = planned.SlotId,
                Date = date,
                WindowGroup = planned.WindowGroup,
                StartsAt = planned.StartsAt.ToUniversalTime(),
                EndsAt = planned.EndsAt.ToUniversalTime(),
                Capacity = planned.Capacity,
                Reserve = planned.Reserve,
            };
            db.Slots.Add(slot);
            existing.Add(slot);
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var slot in existing)
        {
            await FitPlacesAsync(slot, cancellationToken);
        }

        await FitQuotaAsync(hall.HallId, date, policy.DailyQuota, cancellationToken);
        await slotBookings.MoveDisplacedAsync(hall.HallId, date, existing, cancellationToken);

        var day = await db.PlannedDays.FirstOrDefaultAsync(d => d.HallId == hall.HallId && d.Date == date, cancellationToken);
        if (day is null)
        {
            day = new PlannedDay { HallId = hall.HallId, Date = date };
            db.PlannedDays.Add(day);
        }

        day.HallVersion = hallVersion;
        day.PolicyVersion = policy.Version;
        day.ItemsStamp = stamp;
        day.DailyQuota = policy.DailyQuota;
        day.CatalogVersion = await db.CatalogVersions.Where(v => v.HallId == hall.HallId).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        day.PlannedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Leaves the slot exactly max(0, capacity − taken) free places, up to <c>reserve</c> of them kept for
    /// the door, spread over its stripes; places taken are never touched (see <c>booking_plan_slot</c>).
    /// </summary>
    private Task<int> FitPlacesAsync(Slot slot, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"SELECT booking_plan_slot(p_hall => {slot.HallId}, p_slot => {slot.SlotId}, p_capacity => {slot.Capacity}, p_reserve => {slot.Reserve})", cancellationToken);

    /// <summary>Leaves the day exactly max(0, quota − taken) free units of quota (see <c>booking_plan_quota</c>).</summary>
    private Task<int> FitQuotaAsync(string hallId, DateOnly date, int quota, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT booking_plan_quota(p_hall => {hallId}, p_date => {date}, p_quota => {quota})", cancellationToken);

    private static string ItemsStamp(IEnumerable<ServiceItem> items)
    {
        var text = string.Join('\n', items
            .OrderBy(i => i.ItemId, StringComparer.Ordinal)
            .Select(i => $"{i.ItemId}|{i.WindowGroup}|{i.MinutesPerCase}|{i.Active}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
