using System.Collections.Concurrent;
using System.Collections.Frozen;
using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using CivicHall.Contracts.Halls.V1;

namespace CivicHall.Booking.Catalog;

/// <summary>
/// A hall as bookings are decided on it, read at catalog version <see cref="Version"/>: its hours and
/// on-site state, its items, the policy in force, the zones closed by containment and whether booking holds its
/// on-site service suspended, and (filled as asked for) its planned days.
/// Usable until <see cref="ValidUntil"/>, the earlier of the cache lifetime and the moment the next
/// policy version takes effect.
/// </summary>
public sealed class HallCatalog(
    long version,
    HallDay hall,
    FrozenDictionary<string, ServiceItem> items,
    BookingPolicy? policy,
    DateTimeOffset validUntil,
    IReadOnlySet<string> closedZones,
    bool suspended)
{
    public long Version { get; } = version;

    public HallDay Hall { get; } = hall;

    public FrozenDictionary<string, ServiceItem> Items { get; } = items;

    /// <summary>The policy in force when this entry was read; null when the hall has none yet.</summary>
    public BookingPolicy? Policy { get; } = policy;

    public DateTimeOffset ValidUntil { get; } = validUntil;

    /// <summary>Zones closed by containment (<c>ZoneClosureOrdered</c>, until <c>ZoneReopened</c>).</summary>
    public IReadOnlySet<string> ClosedZones { get; } = closedZones;

    /// <summary>
    /// On-site service suspended, as booking recorded it from <c>OnSiteServiceSuspended</c> or as the hall's
    /// <c>HallConfigured</c> says.
    /// </summary>
    public bool Suspended { get; } = suspended || hall.OnSiteState == OnSiteStates.Suspended;

    internal ConcurrentDictionary<DateOnly, Lazy<Task<DayCatalog>>> Days { get; } = new();
}

/// <summary>A hall-day as planned from the same catalog version: its slots by id (withdrawn ones included).</summary>
public sealed record DayCatalog(DateOnly Date, PlanningStatus Status, FrozenDictionary<string, Slot> Slots);
