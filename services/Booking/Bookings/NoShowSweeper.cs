using CivicHall.Booking.Policies;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.ServiceDefaults.Hosting;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// The scheduled job that marks no-shows: a confirmed booking whose check-in window closed (slot start
/// + the policy's late margin) becomes <c>no_show</c>, gives the person's active place back and
/// publishes <see cref="BookingNoShow"/>. Replicas share the work (rows are claimed with SKIP LOCKED).
/// Only <c>confirmed</c> rows are claimed, so a checked-in or served booking is never marked; a check-in
/// racing the sweep is decided by the revision (the loser answers <c>concurrent_update</c>).
/// </summary>
public sealed partial class NoShowSweeper(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<NoShowSweeper> logger)
    : PeriodicSweep(Interval, scopeFactory, timeProvider, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const int BatchSize = 500;

    /// <summary>Marks every booking whose check-in window has closed; returns how many.</summary>
    protected override async Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marked = 0;
        var db = services.GetRequiredService<BookingDbContext>();
        var halls = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Confirmed && b.SlotStartsAt < now)
            .Select(b => b.HallId).Distinct().ToListAsync(cancellationToken);
        foreach (var hallId in halls)
        {
            var policy = await BookingPolicies.InForceAsync(db, hallId, now, cancellationToken);
            var cutoff = now.AddMinutes(-(policy?.CheckInLateMinutes ?? BookingPolicyDefaults.CheckInLateMinutes));
            int batch;
            do
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var due = await db.Bookings
                    .FromSql($"""
                        SELECT * FROM bookings
                        WHERE hall_id = {hallId} AND status = 'confirmed' AND slot_starts_at < {cutoff}
                        ORDER BY slot_starts_at LIMIT {BatchSize}
                        FOR UPDATE SKIP LOCKED
                        """)
                    .ToListAsync(cancellationToken);
                foreach (var booking in due)
                {
                    booking.MarkNoShow();
                    db.AddIntegrationEvent(new BookingNoShow(booking.Id, booking.HallId, booking.SlotId, booking.PersonKey, now), TimeProvider);
                    await BookingPlaces.ReleasePersonAsync(db, booking.PersonKey, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                batch = due.Count;
                marked += batch;
            }
            while (batch == BatchSize);
        }

        if (marked > 0)
        {
            LogMarked(Logger, marked);
        }

        return marked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marked {Count} bookings as no-shows")]
    private static partial void LogMarked(ILogger logger, int count);
}
