using CivicHall.Contracts.Halls.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Halls;

namespace CivicHall.Occupancy.Containment;

/// <summary>
/// Suspends or resumes on-site service of a hall: the door (queue sent away, no one let in) and the
/// hall registry (its on-site state, announced to every service as <see cref="HallConfigured"/>).
/// </summary>
public static class OnSiteService
{
    public static async Task SetAsync(OccupancyDbContext db, FloorStore door, TimeProvider timeProvider, string hallId, string state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(door);
        var hall = await db.Halls.FromSql($"SELECT * FROM halls WHERE id = {hallId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (hall is null)
        {
            return;
        }

        if (hall.SetOnSiteState(state, timeProvider.GetUtcNow()) is { } configured)
        {
            db.AddIntegrationEvent(configured, timeProvider);
        }

        await door.SetOnSiteStateAsync(hallId, state, cancellationToken);
    }
}
