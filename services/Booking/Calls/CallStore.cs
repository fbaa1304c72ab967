using CivicHall.Booking.Bookings;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;

namespace CivicHall.Booking.Calls;

/// <summary>
/// Calls and misses through <c>booking_call_next</c> and <c>booking_call_missed</c>: each one statement under the window
/// group's lock, so two windows calling at once never get the same ticket and tickets are called in queue order.
/// </summary>
public sealed class CallStore(BookingDbContext db, OutboxSignal outboxSignal, TimeProvider timeProvider)
{
    /// <summary>
    /// Calls the next waiting ticket of the window's group to the window; <c>catalog_changed</c> when the hall's catalog has moved past
    /// <paramref name="catalogVersion"/>, the version the window and day were read at.
    /// </summary>
    public async Task<CallNextOutcome> CallNextAsync(
        string hallId, DateOnly date, HallWindow window, string by, DateTimeOffset now, long catalogVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var rows = await TransientRetry.RunAsync(() => db.Database.SqlQuery<CallNextOutcome>($"""
            SELECT o_outcome AS outcome, o_call_id AS call_id, o_ticket AS ticket_number, o_booking AS booking_id, o_recall AS recall
            FROM booking_call_next({hallId}, {date}, {window.WindowGroup}, {window.WindowId}, {window.Name}, {by}, {now.ToUniversalTime()}, {catalogVersion})
            """).ToListAsync(cancellationToken));
        return rows[0];
    }

    /// <summary>
    /// Marks a call missed (过号) once the policy's wait has passed: the ticket goes back behind <paramref name="requeueAfter"/> waiting
    /// tickets the first time; the second time it is dropped and its booking becomes a no-show (<see cref="BookingNoShow"/>, the
    /// person's active place given back), in one transaction.
    /// </summary>
    public async Task<MissOutcome> MissAsync(
        string hallId, long callId, string by, DateTimeOffset now, int waitSeconds, int requeueAfter, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Database.SqlQuery<MissOutcome>($"""
            SELECT o_outcome AS outcome, o_ticket AS ticket_number, o_booking AS booking_id, o_ahead AS ahead, o_missable_at AS missable_at
            FROM booking_call_missed({hallId}, {callId}, {by}, {now.ToUniversalTime()}, {waitSeconds}, {requeueAfter})
            """).ToListAsync(cancellationToken);
        var outcome = rows[0];
        if (outcome.Outcome == MissOutcome.Dropped && outcome.BookingId is { } bookingId)
        {
            var booking = await db.Bookings.FirstAsync(b => b.Id == bookingId, cancellationToken);
            if (booking.Status == BookingStatus.CheckedIn)
            {
                booking.MarkNoShow();
                db.AddIntegrationEvent(new BookingNoShow(booking.Id, booking.HallId, booking.SlotId, booking.PersonKey, now), timeProvider);
                await BookingPlaces.ReleasePersonAsync(db, booking.PersonKey, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        if (outcome.Outcome == MissOutcome.Dropped)
        {
            outboxSignal.Pulse();
        }

        return outcome;
    }

    /// <summary>A page of the hall's calls, newest first, after the call <paramref name="before"/> (exclusive) when given.</summary>
    public Task<List<TicketCall>> ListAsync(string hallId, long? before, int take, CancellationToken cancellationToken) =>
        db.TicketCalls.AsNoTracking()
            .Where(c => c.HallId == hallId && (before == null || c.Id < before))
            .OrderByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken);
}

/// <summary>
/// What <c>booking_call_next</c> came to: <c>called</c>, <c>window_busy</c> (the open call's id and ticket), <c>queue_empty</c> or
/// <c>catalog_changed</c>.
/// </summary>
public sealed record CallNextOutcome(string Outcome, long? CallId, int? TicketNumber, Guid? BookingId, bool? Recall)
{
    public const string Called = "called";
    public const string CatalogChanged = "catalog_changed";
    public const string WindowBusy = "window_busy";
    public const string QueueEmpty = "queue_empty";
}

/// <summary>What <c>booking_call_missed</c> came to: <c>requeued</c> (with the tickets now ahead), <c>dropped</c>, or a refusal.</summary>
public sealed record MissOutcome(string Outcome, int? TicketNumber, Guid? BookingId, int? Ahead, DateTimeOffset? MissableAt)
{
    public const string Requeued = "requeued";
    public const string Dropped = "dropped";
    public const string CallUnknown = "call_unknown";
    public const string CallFinished = "call_finished";
    public const string TooEarly = "miss_too_early";
}
