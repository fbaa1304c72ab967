using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CivicHall.Booking.Data;
using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;
using CivicHall.HallDirectory;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Booking.Slots;

/// <summary>
/// Keeps the stored slots, seats and quota tokens of a hall-day in line with its plan. A day is
/// planned when first asked for and planned again whenever the hall, the policy in force or the
/// items changed since; existing bookings keep their seats through a re-plan. Callers check the
/// booking horizon first: only today and the days ahead are ever planned.
/// </summary>
public sealed class SlotPlanning(BookingDbContext db, TimeProvider timeProvider)
{
    /// <summary>Plans the day if it is not planned from the current inputs. Null when the hall is unknown.</summary>
    public async Task<PlanningOutcome> EnsurePlannedAsync(string hallId, DateOnly date, CancellationToken cancellationToken)
    {
        var hall = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.HallId == hallId, cancellationToken);
        if (hall is null)
        {
            return PlanningOutcome.HallUnknown;
        }

        var hallDay = ToHallDay(hall);
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

    public static HallDay ToHallDay(KnownHall hall)
    {
        ArgumentNullException.ThrowIfNull(hall);
        return new HallDay(hall.HallId, hall.TimeZone, hall.OnSiteState, hall.OpeningHours, hall.Overrides);
    }

    private Task<bool> IsCurrentAsync(string hallId, DateOnly date, long hallVersion, int policyVersion, string stamp, CancellationToken cancellationToken) =>
        db.PlannedDays.AsNoTracking().AnyAsync(
            d => d.HallId == hallId && d.Date == date && d.HallVersion == hallVersion && d.PolicyVersion == policyVersion && d.ItemsStamp == stamp,
            cancellationToken);

    private async Task ApplyAsync(
        HallDay hall, long hallVersion, BookingPolicy policy, List<ServiceItem> items, string stamp, DateOnly date, CancellationToken cancellationToken)
    {
        var plan = SlotPlanner.Plan(hall, policy, items, date).ToDictionary(s => s.SlotId, StringComparer.Ordinal);
        var existing = await db.Slots.Where(s => s.HallId == hall.HallId && s.Date == date).ToListAsync(cancellationToken);
        foreach (var slot in existing)
        {
            if (plan.Remove(slot.SlotId, out var planned))
            {
                slot.StartsAt = planned.StartsAt.ToUniversalTime();
                slot.EndsAt = planned.EndsAt.ToUniversalTime();
                slot.Capacity = planned.Capacity;
                slot.Reserve = planned.Reserve;
                slot.Status = SlotStatuses.Open;
            }
            else
            {
                slot.Capacity = 0;
                slot.Reserve = 0;
                slot.Status = SlotStatuses.Withdrawn;
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
            await FitSeatsAsync(slot, cancellationToken);
        }

        await FitQuotaAsync(hall.HallId, date, policy.DailyQuota, cancellationToken);

        var day = await db.PlannedDays.FirstOrDefaultAsync(d => d.HallId == hall.HallId && d.Date == date, cancellationToken);
        if (day is null)
        {
            day = new PlannedDay { HallId = hall.HallId, Date = date };
            db.PlannedDays.Add(day);
        }

        day.HallVersion = hallVersion;
        day.PolicyVersion = policy.Version;
        day.ItemsStamp = stamp;
        day.PlannedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Leaves exactly max(0, capacity − taken) free seats (the highest-numbered free seats go first
    /// when there are too many, new numbers are added when too few), the top <c>reserve</c> of
    /// them kept for the door. Taken seats are never touched here.
    /// </summary>
    private async Task FitSeatsAsync(Slot slot, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH counts AS (
                SELECT count(*) FILTER (WHERE booking_id IS NOT NULL) AS taken,
                       count(*) FILTER (WHERE booking_id IS NULL) AS free,
                       coalesce(max(seat_no), 0) AS top
                FROM slot_seats WHERE hall_id = {slot.HallId} AND slot_id = {slot.SlotId}
            ), wanted AS (
                SELECT greatest(0, {slot.Capacity} - taken) AS free_wanted, free, top FROM counts
            ), dropped AS (
                DELETE FROM slot_seats s
                USING (SELECT seat_no FROM slot_seats
                       WHERE hall_id = {slot.HallId} AND slot_id = {slot.SlotId} AND booking_id IS NULL
                       ORDER BY seat_no DESC
                       LIMIT (SELECT greatest(0, free - free_wanted) FROM wanted)) d
                WHERE s.hall_id = {slot.HallId} AND s.slot_id = {slot.SlotId} AND s.seat_no = d.seat_no
                RETURNING s.seat_no
            )
            INSERT INTO slot_seats (hall_id, slot_id, seat_no, reserved)
            SELECT {slot.HallId}, {slot.SlotId}, g, false
            FROM wanted, generate_series(top + 1, top + greatest(0, free_wanted - free)) AS g
            """,
            cancellationToken);
        await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE slot_seats s SET reserved = r.reserved
                FROM (SELECT seat_no, row_number() OVER (ORDER BY seat_no DESC) <= {slot.Reserve} AS reserved
                      FROM slot_seats WHERE hall_id = {slot.HallId} AND slot_id = {slot.SlotId} AND booking_id IS NULL) r
                WHERE s.hall_id = {slot.HallId} AND s.slot_id = {slot.SlotId} AND s.seat_no = r.seat_no AND s.reserved <> r.reserved
                """,
                cancellationToken);
    }

    private Task<int> FitQuotaAsync(string hallId, DateOnly date, int quota, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            WITH counts AS (
                SELECT count(*) FILTER (WHERE booking_id IS NOT NULL) AS taken,
                       count(*) FILTER (WHERE booking_id IS NULL) AS free,
                       coalesce(max(token_no), 0) AS top
                FROM day_quota_tokens WHERE hall_id = {hallId} AND date = {date}
            ), wanted AS (
                SELECT greatest(0, {quota} - taken) AS free_wanted, free, top FROM counts
            ), dropped AS (
                DELETE FROM day_quota_tokens t
                USING (SELECT token_no FROM day_quota_tokens
                       WHERE hall_id = {hallId} AND date = {date} AND booking_id IS NULL
                       ORDER BY token_no DESC
                       LIMIT (SELECT greatest(0, free - free_wanted) FROM wanted)) d
                WHERE t.hall_id = {hallId} AND t.date = {date} AND t.token_no = d.token_no
                RETURNING t.token_no
            )
            INSERT INTO day_quota_tokens (hall_id, date, token_no)
            SELECT {hallId}, {date}, g
            FROM wanted, generate_series(top + 1, top + greatest(0, free_wanted - free)) AS g
            """,
            cancellationToken);

    private static string ItemsStamp(IEnumerable<ServiceItem> items)
    {
        var text = string.Join('\n', items
            .OrderBy(i => i.ItemId, StringComparer.Ordinal)
            .Select(i => $"{i.ItemId}|{i.WindowGroup}|{i.MinutesPerCase}|{i.Active}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}

/// <summary>Whether a hall-day could be planned, and from what.</summary>
public sealed record PlanningOutcome(PlanningStatus Status, HallDay? Hall, BookingPolicy? Policy)
{
    public static readonly PlanningOutcome HallUnknown = new(PlanningStatus.HallUnknown, null, null);

    public static readonly PlanningOutcome NotConfigured = new(PlanningStatus.NotConfigured, null, null);

    public static PlanningOutcome Planned(HallDay hall, BookingPolicy policy) => new(PlanningStatus.Planned, hall, policy);
}

public enum PlanningStatus
{
    Planned,
    HallUnknown,
    NotConfigured,
}
