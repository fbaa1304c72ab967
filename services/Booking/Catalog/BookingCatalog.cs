using System.Collections.Concurrent;
using System.Collections.Frozen;
using CivicHall.Booking.Closures;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using Microsoft.Extensions.Options;

namespace CivicHall.Booking.Catalog;

/// <summary>
/// Keeps in memory what every booking request would otherwise read again: the hall, its items, the
/// policy in force and the planned slots of a day. One load per hall (and per day) serves every
/// request that arrives while it runs, so a slot-release burst costs the database one round trip per
/// booking (<c>booking_confirm</c>).
/// </summary>
/// <remarks>
/// Staleness is designed, not hoped for. A booking made from an entry carries its catalog version, and
/// <c>booking_confirm</c> refuses it (<c>catalog_changed</c>) when triggers have moved the version on
/// since — whichever replica changed the hall, policy or items. Refusals answered from an entry are
/// checked again against a fresh load before they reach the client (see <see cref="Forget"/>).
/// </remarks>
public sealed class BookingCatalog(IServiceScopeFactory scopes, TimeProvider timeProvider, IOptions<BookingCatalogOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<HallCatalog?>>> halls = new(StringComparer.Ordinal);

    /// <summary>The hall's catalog, or null when booking does not know the hall.</summary>
    public async Task<HallCatalog?> HallAsync(string hallId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = halls.GetOrAdd(hallId, id => new Lazy<Task<HallCatalog?>>(() => LoadHallAsync(id)));
            HallCatalog? hall;
            try
            {
                hall = await entry.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                halls.TryRemove(new KeyValuePair<string, Lazy<Task<HallCatalog?>>>(hallId, entry));
                throw;
            }

            if (hall is null)
            {
                // Unknown halls are not remembered: the hall may arrive by event at any moment.
                halls.TryRemove(new KeyValuePair<string, Lazy<Task<HallCatalog?>>>(hallId, entry));
                return null;
            }

            if (hall.ValidUntil > timeProvider.GetUtcNow())
            {
                return hall;
            }

            halls.TryRemove(new KeyValuePair<string, Lazy<Task<HallCatalog?>>>(hallId, entry));
        }
    }

    /// <summary>The planned slots of a day of the hall, planning the day first when needed.</summary>
    public async Task<DayCatalog> DayAsync(HallCatalog hall, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var entry = hall.Days.GetOrAdd(date, d => new Lazy<Task<DayCatalog>>(() => LoadDayAsync(hall.Hall.HallId, d)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            hall.Days.TryRemove(new KeyValuePair<DateOnly, Lazy<Task<DayCatalog>>>(date, entry));
            throw;
        }
    }

    /// <summary>
    /// Drops the hall's entry if it is still <paramref name="seen"/> (a newer one is kept), so the next
    /// request reads the hall afresh.
    /// </summary>
    public void Forget(HallCatalog seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        if (halls.TryGetValue(seen.Hall.HallId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && ReferenceEquals(entry.Value.Result, seen))
        {
            halls.TryRemove(new KeyValuePair<string, Lazy<Task<HallCatalog?>>>(seen.Hall.HallId, entry));
        }
    }

    private async Task<HallCatalog?> LoadHallAsync(string hallId)
    {
        // Loads are shared by every waiting request, so none of their cancellations applies here.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var now = timeProvider.GetUtcNow();
        // The version is read first: whatever is read after it is at least as new, so a change that
        // lands in between makes booking_confirm refuse and the entry reload, never the reverse.
        var version = await db.CatalogVersions.AsNoTracking().Where(v => v.HallId == hallId).Select(v => (long?)v.Version).FirstOrDefaultAsync();
        var known = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.HallId == hallId);
        if (known is null || version is null)
        {
            return null;
        }

        var items = await db.ServiceItems.AsNoTracking().Where(i => i.HallId == hallId).ToListAsync();
        var policy = await BookingPolicies.InForceAsync(db, hallId, now, CancellationToken.None);
        var at = now.ToUniversalTime();
        var next = await db.Policies.AsNoTracking().Where(p => p.HallId == hallId && p.EffectiveFrom > at)
            .OrderBy(p => p.EffectiveFrom).Select(p => (DateTimeOffset?)p.EffectiveFrom).FirstOrDefaultAsync();
        var validUntil = now + options.Value.EntryLifetime;
        if (next is { } effective && effective < validUntil)
        {
            validUntil = effective;
        }

        var closedZones = await ClosureStore.ClosedZonesAsync(db, hallId, CancellationToken.None);
        var suspended = await ClosureStore.SuspendedAsync(db, hallId, CancellationToken.None);
        return new HallCatalog(
            version.Value, HallDay.Of(known), items.ToFrozenDictionary(i => i.ItemId, StringComparer.Ordinal), policy, validUntil, closedZones, suspended);
    }

    private async Task<DayCatalog> LoadDayAsync(string hallId, DateOnly date)
    {
        await using var scope = scopes.CreateAsyncScope();
        var slotStore = scope.ServiceProvider.GetRequiredService<SlotStore>();
        var planned = await slotStore.EnsurePlannedAsync(hallId, date, CancellationToken.None);
        if (planned.Status != PlanningStatus.Planned)
        {
            return new DayCatalog(date, planned.Status, FrozenDictionary<string, Slot>.Empty);
        }

        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        var slots = await db.Slots.AsNoTracking().Where(s => s.HallId == hallId && s.Date == date).ToListAsync();
        return new DayCatalog(date, planned.Status, slots.ToFrozenDictionary(s => s.SlotId, StringComparer.Ordinal));
    }
}

/// <summary><c>Booking:Catalog</c> settings.</summary>
public sealed class BookingCatalogOptions
{
    /// <summary>
    /// How long an entry is kept at most. Bookings made from it are checked against the catalog version
    /// anyway; this only bounds memory and how long a refusal could rest on old data before it is re-read.
    /// </summary>
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
