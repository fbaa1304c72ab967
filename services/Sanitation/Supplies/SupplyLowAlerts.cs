using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Sanitation.Plans;

namespace CivicHall.Sanitation.Supplies;

/// <summary>
/// <see cref="SuppliesLow"/>, raised in the transaction of the issue or definition that finds an item low. The
/// item is then disarmed (<see cref="SupplyItem.LowAlertArmed"/>) by one conditional UPDATE that also requires
/// the plan's cool-down to have passed since the last alert: the item's row lock, taken by the movement's own
/// UPDATE, orders concurrent issues, so of 50 issues that take an item low exactly one raises it. A receipt or
/// a definition that leaves the stock above the threshold arms it again.
/// </summary>
public static class SupplyLowAlerts
{
    /// <summary>Raises <see cref="SuppliesLow"/> when the item is low, armed and out of its cool-down; true when it did.</summary>
    public static async Task<bool> RaiseIfLowAsync(
        SanitationDbContext db, string hallId, string itemId, DateOnly today, DateTimeOffset now, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var item = await db.SupplyItems.AsNoTracking().SingleOrDefaultAsync(i => i.HallId == hallId && i.ItemId == itemId, cancellationToken);
        if (item is not { LowAlertArmed: true })
        {
            return false;
        }

        var view = SupplyStore.View(item, await SupplyStore.IssuedInWindowAsync(db, hallId, itemId, today, cancellationToken));
        if (!view.Low)
        {
            return false;
        }

        var plan = await SanitationPlans.InForceAsync(db, hallId, now, cancellationToken);
        var cutoff = now.AddMinutes(-plan.SuppliesLowCooldownMinutes);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE supply_items SET low_alerted_at = {now}, low_alert_armed = false
            WHERE hall_id = {hallId} AND item_id = {itemId} AND low_alert_armed AND (low_alerted_at IS NULL OR low_alerted_at <= {cutoff})
            """, cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var reason = view.Stock <= view.LowThreshold ? SuppliesLow.BelowThreshold : SuppliesLow.UnderCoverDays;
        db.AddIntegrationEvent(
            new SuppliesLow(hallId, itemId, view.Name, view.Unit, view.Stock, view.LowThreshold, view.DaysOfCover, view.CoverDaysThreshold, reason, now), timeProvider);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>After a definition: armed again when the stock is above the (new) threshold, else raised when it is now low.</summary>
    public static async Task AfterDefinitionAsync(
        SanitationDbContext db, string hallId, string itemId, DateOnly today, DateTimeOffset now, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE supply_items SET low_alert_armed = true WHERE hall_id = {hallId} AND item_id = {itemId} AND stock > low_threshold AND NOT low_alert_armed",
            cancellationToken);
        await RaiseIfLowAsync(db, hallId, itemId, today, now, timeProvider, cancellationToken);
    }
}
