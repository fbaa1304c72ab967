using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.HallDirectory;
using CivicHall.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Booking.Slots;

/// <summary>
/// Keeps the stored slots, seats and quota tokens of a hall-day in line with its plan. A day is
/// planned when first asked for and planned again whenever the hall, the policy in force or the
/// items changed since; existing bookings keep their seats through a re-plan. Callers check the
/// booking horizon first: only today and the days ahead are ever planned.
/// </summary>
public sealed partial class SlotPlanning(BookingDbContext db, TimeProvider timeProvider, ILogger<SlotPlanning> logger)
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
        await MoveOverflowAsync(hall.HallId, date, existing, cancellationToken);

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
        // The top `reserve` free seats are the walk-in reserve: one pass against a threshold seat number,
        // never a join (fresh rows have no statistics yet, and a nested loop over them is quadratic).
        if (slot.Reserve == 0)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE slot_seats SET reserved = false WHERE hall_id = {slot.HallId} AND slot_id = {slot.SlotId} AND booking_id IS NULL AND reserved",
                cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE slot_seats s SET reserved = (s.seat_no >= t.threshold)
            FROM (SELECT coalesce((SELECT seat_no FROM slot_seats
                                   WHERE hall_id = {slot.HallId} AND slot_id = {slot.SlotId} AND booking_id IS NULL
                                   ORDER BY seat_no DESC OFFSET {slot.Reserve - 1} LIMIT 1), 0) AS threshold) t
            WHERE s.hall_id = {slot.HallId} AND s.slot_id = {slot.SlotId} AND s.booking_id IS NULL AND s.reserved <> (s.seat_no >= t.threshold)
            """,
            cancellationToken);
    }

    /// <summary>
    /// Finds a place for every confirmed booking its slot no longer holds (the slot was withdrawn, or has
    /// fewer places than bookings, where the most recently made are the ones to go): each goes to the free
    /// place of the same window group that day nearest in time to its own slot, the earliest made choosing
    /// first. A booking with nowhere to go is cancelled with the reason. Either way the citizen is told through the event
    /// (<see cref="BookingMoved"/> or <see cref="BookingCancelled"/>). Runs inside the re-plan's transaction
    /// and advisory lock, so bookings made meanwhile only take places the new plan has.
    /// </summary>
    private async Task MoveOverflowAsync(string hallId, DateOnly date, List<Slot> slots, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var bySlot = slots.ToDictionary(s => s.SlotId, StringComparer.Ordinal);
        var held = await db.SlotSeats.AsNoTracking()
            .Where(seat => seat.HallId == hallId && seat.BookingId != null && db.Slots.Any(s => s.HallId == hallId && s.SlotId == seat.SlotId && s.Date == date && s.StartsAt > now))
            .Join(db.Bookings, seat => seat.BookingId, b => b.Id, (seat, b) => new { seat.SlotId, seat.SeatNo, Booking = b.Id, b.Status, b.CreatedAt })
            .ToListAsync(cancellationToken);
        var displaced = held.GroupBy(h => h.SlotId, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var slot = bySlot[g.Key];
                var excess = g.Count() - (slot.Status == SlotStatuses.Open ? slot.Capacity : 0);
                return g.Where(h => h.Status == BookingStatuses.Confirmed).OrderByDescending(h => h.CreatedAt).Take(Math.Max(0, excess))
                    .Select(h => (h.Booking, h.SeatNo, h.CreatedAt, Reason: slot.Status == SlotStatuses.Open ? ReplanReasons.CapacityReduced : ReplanReasons.SlotWithdrawn));
            })
            .OrderBy(d => d.CreatedAt) // of those that must move, the earliest made choose first
            .ToList();
        if (displaced.Count == 0)
        {
            return;
        }

        var ids = displaced.Select(d => d.Booking).ToList();
        var bookings = await db.Bookings.Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        foreach (var (id, seatNo, _, reason) in displaced)
        {
            var booking = bookings[id];
            var from = bySlot[booking.SlotId];
            var special = booking.Kind == BookingKinds.SpecialGroup;
            var to = await db.Database.SqlQuery<string>($"""
                UPDATE slot_seats t SET booking_id = {id}
                WHERE (t.hall_id, t.slot_id, t.seat_no) = (
                    SELECT f.hall_id, f.slot_id, f.seat_no
                    FROM slot_seats f JOIN slots s ON s.hall_id = f.hall_id AND s.slot_id = f.slot_id
                    WHERE f.hall_id = {hallId} AND s.date = {date} AND s.status = 'open' AND s.window_group = {from.WindowGroup}
                      AND s.starts_at > {now} AND f.slot_id <> {from.SlotId} AND f.booking_id IS NULL AND ({special} OR NOT f.reserved)
                    ORDER BY abs(extract(epoch FROM s.starts_at - {from.StartsAt})), s.starts_at, f.reserved, f.seat_no
                    LIMIT 1 FOR UPDATE OF f SKIP LOCKED)
                RETURNING t.slot_id AS "Value"
                """).ToListAsync(cancellationToken);
            await db.SlotSeats.Where(seat => seat.HallId == hallId && seat.SlotId == from.SlotId && seat.SeatNo == seatNo).ExecuteDeleteAsync(cancellationToken);
            booking.Revision++;
            if (to.Count == 1)
            {
                var target = bySlot[to[0]];
                booking.MovedFromSlotId ??= booking.SlotId;
                booking.MoveReason = reason;
                booking.SlotId = target.SlotId;
                booking.SlotStartsAt = target.StartsAt;
                booking.SlotEndsAt = target.EndsAt;
                db.AddIntegrationEvent(
                    new BookingMoved(id, hallId, from.SlotId, target.SlotId, target.StartsAt, target.EndsAt, booking.PersonKey, reason, now), timeProvider);
            }
            else
            {
                booking.Status = BookingStatuses.Cancelled;
                booking.CancelledAt = now;
                booking.CancelReason = reason;
                db.AddIntegrationEvent(new BookingCancelled(id, hallId, booking.SlotId, booking.PersonKey, reason, now), timeProvider);
                await BookingPlaces.ReleaseQuotaAsync(db, id, cancellationToken);
                await BookingPlaces.ReleasePersonAsync(db, booking.PersonKey, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        LogReplanned(hallId, date, displaced.Count(d => bookings[d.Booking].Status == BookingStatuses.Confirmed), displaced.Count(d => bookings[d.Booking].Status == BookingStatuses.Cancelled));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-planning hall {HallId} on {Date} moved {Moved} bookings and cancelled {Cancelled} with nowhere to go")]
    private partial void LogReplanned(string hallId, DateOnly date, int moved, int cancelled);

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
