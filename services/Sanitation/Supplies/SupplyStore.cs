namespace CivicHall.Sanitation.Supplies;

/// <summary>What an issue came to: the ledger line, no such item, or too little stock (with what is left).</summary>
public sealed record IssueOutcome(SupplyMovement? Movement, bool ItemUnknown, int StockLeft);

/// <summary>
/// The supplies ledger's reads and writes. The stock changes only in one conditional statement per movement
/// (<c>UPDATE … SET stock = stock - n WHERE stock >= n RETURNING stock</c>), in the transaction that writes the
/// ledger line: the item's row lock orders concurrent issues, so stock is never negative and every line's
/// <c>stock_after</c> is exact. A check constraint holds it too.
/// </summary>
public static class SupplyStore
{
    public const int CoverWindowDays = 7;

    public static async Task<SupplyMovement?> ReceiveAsync(
        SanitationDbContext db, SupplyMovement draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var after = await db.Database.SqlQuery<int>(
            $"UPDATE supply_items SET stock = stock + {draft.Count}, updated_at = {draft.At}, low_alert_armed = low_alert_armed OR stock + {draft.Count} > low_threshold WHERE hall_id = {draft.HallId} AND item_id = {draft.ItemId} RETURNING stock AS \"Value\"")
            .ToListAsync(cancellationToken);
        if (after.Count == 0)
        {
            return null;
        }

        var movement = With(draft, after[0]);
        db.SupplyMovements.Add(movement);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return movement;
    }

    /// <summary>An issue, and <c>SuppliesLow</c> in its transaction when it takes the item low (<see cref="SupplyLowAlerts"/>).</summary>
    public static async Task<IssueOutcome> IssueAsync(SanitationDbContext db, SupplyMovement draft, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var after = await db.Database.SqlQuery<int>(
            $"UPDATE supply_items SET stock = stock - {draft.Count}, updated_at = {draft.At} WHERE hall_id = {draft.HallId} AND item_id = {draft.ItemId} AND stock >= {draft.Count} RETURNING stock AS \"Value\"")
            .ToListAsync(cancellationToken);
        if (after.Count == 0)
        {
            var left = await db.SupplyItems.AsNoTracking().Where(i => i.HallId == draft.HallId && i.ItemId == draft.ItemId)
                .Select(i => (int?)i.Stock).SingleOrDefaultAsync(cancellationToken);
            return new IssueOutcome(null, left is null, left ?? 0);
        }

        var movement = With(draft, after[0]);
        db.SupplyMovements.Add(movement);
        await db.SaveChangesAsync(cancellationToken);
        await SupplyLowAlerts.RaiseIfLowAsync(db, draft.HallId, draft.ItemId, draft.LocalDate, draft.At, timeProvider, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssueOutcome(movement, false, movement.StockAfter);
    }

    /// <summary>A hall's items with their stock, the last <see cref="CoverWindowDays"/> local days' issues (today included) and what follows.</summary>
    public static async Task<List<SupplyItemView>> ListAsync(SanitationDbContext db, string hallId, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var items = await db.SupplyItems.AsNoTracking().Where(i => i.HallId == hallId).OrderBy(i => i.ItemId).ToListAsync(cancellationToken);
        var since = today.AddDays(1 - CoverWindowDays);
        var issued = await db.SupplyMovements.AsNoTracking()
            .Where(m => m.HallId == hallId && m.Kind == SupplyMovementKind.Issue && m.LocalDate >= since && m.LocalDate <= today)
            .GroupBy(m => m.ItemId).Select(g => new { ItemId = g.Key, Count = g.Sum(m => m.Count) })
            .ToDictionaryAsync(g => g.ItemId, g => g.Count, cancellationToken);
        return [.. items.Select(i => View(i, issued.GetValueOrDefault(i.ItemId)))];
    }

    /// <summary>An item's issues over the last <see cref="CoverWindowDays"/> local days, today included.</summary>
    public static Task<int> IssuedInWindowAsync(SanitationDbContext db, string hallId, string itemId, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = today.AddDays(1 - CoverWindowDays);
        return db.SupplyMovements.AsNoTracking()
            .Where(m => m.HallId == hallId && m.ItemId == itemId && m.Kind == SupplyMovementKind.Issue && m.LocalDate >= since && m.LocalDate <= today)
            .SumAsync(m => m.Count, cancellationToken);
    }

    /// <summary>Days of cover: the stock over the average daily issue of the window; none without issues.</summary>
    public static SupplyItemView View(SupplyItem item, int issuedInWindow)
    {
        ArgumentNullException.ThrowIfNull(item);
        var daily = Math.Round((decimal)issuedInWindow / CoverWindowDays, 2);
        decimal? cover = issuedInWindow == 0 ? null : Math.Round(item.Stock * CoverWindowDays / (decimal)issuedInWindow, 1);
        var low = item.Stock <= item.LowThreshold || (item.CoverDaysThreshold > 0 && cover < item.CoverDaysThreshold);
        return new SupplyItemView(item.ItemId, item.Name, item.Unit, item.Stock, item.LowThreshold, item.CoverDaysThreshold, daily, cover, low);
    }

    private static SupplyMovement With(SupplyMovement draft, int stockAfter) => new()
    {
        MovementId = draft.MovementId,
        HallId = draft.HallId,
        ItemId = draft.ItemId,
        Kind = draft.Kind,
        Count = draft.Count,
        StockAfter = stockAfter,
        StaffId = draft.StaffId,
        Supplier = draft.Supplier,
        Batch = draft.Batch,
        RecordedBy = draft.RecordedBy,
        At = draft.At,
        LocalDate = draft.LocalDate,
        Fingerprint = draft.Fingerprint,
    };
}
