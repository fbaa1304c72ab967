using System.Collections.Concurrent;
using System.Collections.Frozen;
using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;

namespace CivicHall.Booking.Catalog;

/// <summary>
/// A hall as bookings are decided on it, read at catalog version <see cref="Version"/>: its hours and
/// on-site state, its items, the policy in force, and (filled as asked for) its planned days.
/// Usable until <see cref="ValidUntil"/>, the earlier of the cache lifetime and the moment the next
/// policy version takes effect.
/// </summary>
public sealed class HallCatalog(long version, HallDay hall, FrozenDictionary<string, ServiceItem> items, BookingPolicy? policy, DateTimeOffset validUntil)
{
    public long Version { get; } = version;

    public HallDay Hall { get; } = hall;

    public FrozenDictionary<string, ServiceItem> Items { get; } = items;

    /// <summary>The policy in force when this entry was read; null when the hall has none yet.</summary>
    public BookingPolicy? Policy { get; } = policy;

    public DateTimeOffset ValidUntil { get; } = validUntil;

    internal ConcurrentDictionary<DateOnly, Lazy<Task<DayCatalog>>> Days { get; } = new();
}

/// <summary>A hall-day as planned from the same catalog version: its slots by id (withdrawn ones included).</summary>
public sealed record DayCatalog(DateOnly Date, PlanningStatus Status, FrozenDictionary<string, Slot> Slots);
