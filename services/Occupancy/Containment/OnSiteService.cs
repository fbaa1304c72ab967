using CivicHall.Contracts.Halls.V1;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Halls;

namespace CivicHall.Occupancy.Containment;

/// <summary>
/// Suspends or resumes on-site service of a hall: the door (queue sent away, no one let in) and the
/// hall registry (its on-site state, announced to every service as <see cref="HallConfigured"/>), then
/// acknowledges it to incident (<see cref="OnSiteStateApplied"/>: the queue sent away, the people still inside),
/// all in the caller's transaction.
/// </summary>
public static class OnSiteService
{
    public static async Task SetAsync(
        OccupancyDbContext db, FloorStore door, TimeProvider timeProvider, string hallId, string state, Guid? containmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(door);
        var hall = await db.Halls.FromSql($"SELECT * FROM halls WHERE id = {hallId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (hall is null)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        if (hall.SetOnSiteState(state, now) is { } configured)
        {
            db.AddIntegrationEvent(configured, timeProvider);
        }

        var sentAway = await door.SetOnSiteStateAsync(hallId, state, cancellationToken);
        var inside = await db.Database.SqlQuery<int>($"SELECT inside AS \"Value\" FROM hall_occupancy WHERE hall_id = {hallId}").ToListAsync(cancellationToken);
        db.AddIntegrationEvent(new OnSiteStateApplied(hallId, state, Math.Max(0, sentAway), inside.FirstOrDefault(), containmentId, now), timeProvider);
    }
}
