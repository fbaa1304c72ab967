using Microsoft.EntityFrameworkCore.Query;

namespace CivicHall.Sanitation.Waste;

/// <summary>What a list of bags asks for: filters, page size and where the previous page ended.</summary>
public sealed record WasteBagQuery(WasteBagState? State, DateOnly? Date, Guid? IncidentId, int Limit, WasteCursor? After);

/// <summary>
/// The medical-waste bags' reads and writes. A bag moves on only by one conditional statement
/// (<c>UPDATE waste_bags SET state = next, … WHERE hall_id = … AND bag_id = … AND state = expected</c>): of
/// two requests taking the same step at once exactly one changes the row; the other finds it moved.
/// </summary>
public static class WasteStore
{
    /// <summary>The hall's bags not yet handed over to a collector (what the daily compliance reports as open).</summary>
    public static Task<int> CountOpenAsync(SanitationDbContext db, string hallId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.WasteBags.CountAsync(b => b.HallId == hallId && b.State != WasteBagState.HandedOver, cancellationToken);
    }

    public static Task<WasteBag?> FindAsync(SanitationDbContext db, string hallId, string bagId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.WasteBags.AsNoTracking().SingleOrDefaultAsync(b => b.HallId == hallId && b.BagId == bagId, cancellationToken);
    }

    /// <summary>
    /// Takes a step: the row changes only if the bag is still in the state the step starts from. False when it was
    /// not (another request took this or another step first).
    /// </summary>
    public static async Task<bool> StepAsync(
        SanitationDbContext db, string hallId, string bagId, WasteStep step, Action<UpdateSettersBuilder<WasteBag>> set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var from = WasteSteps.From(step);
        var to = WasteSteps.To(step);
        var changed = await db.WasteBags.Where(b => b.HallId == hallId && b.BagId == bagId && b.State == from)
            .ExecuteUpdateAsync(
                s =>
                {
                    s.SetProperty(b => b.State, to);
                    set(s);
                },
                cancellationToken);
        return changed == 1;
    }

    /// <summary>A page of a hall's bags, newest bagged first (ties by id, descending), with the cursor for the next.</summary>
    public static async Task<WasteBagList> ListAsync(SanitationDbContext db, string hallId, WasteBagQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        // After a cursor: a row comparison, the list's own order (the same collation as its ORDER BY).
        var bags = (query.After is { } after
                ? db.WasteBags.FromSql($"SELECT * FROM waste_bags WHERE (bagged_at, bag_id) < ({after.BaggedAt}, {after.BagId})")
                : db.WasteBags)
            .AsNoTracking().Where(b => b.HallId == hallId);
        if (query.State is { } state)
        {
            bags = bags.Where(b => b.State == state);
        }

        if (query.Date is { } date)
        {
            bags = bags.Where(b => b.LocalDate == date);
        }

        if (query.IncidentId is { } incidentId)
        {
            bags = bags.Where(b => b.IncidentId == incidentId);
        }

        var page = await bags.OrderByDescending(b => b.BaggedAt).ThenByDescending(b => b.BagId).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > query.Limit ? new WasteCursor(page[query.Limit - 1].BaggedAt, page[query.Limit - 1].BagId).Encode() : null;
        return new WasteBagList([.. page.Take(query.Limit).Select(WasteBagView.From)], next);
    }
}
