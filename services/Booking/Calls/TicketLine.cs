using CivicHall.Booking.Bookings;
using CivicHall.Booking.Policies;

namespace CivicHall.Booking.Calls;

/// <summary>
/// The queue side of check-in, serve and the booking's view (<see cref="ITicketLine"/>), on the request's context so it
/// shares the booking's transaction.
/// </summary>
public sealed class TicketLine(BookingDbContext db) : ITicketLine
{
    /// <summary>How many of the group's last served calls the estimated wait is taken from.</summary>
    public const int ServiceTimeSample = 20;

    /// <summary>Minutes a case is assumed to take while the group has served nobody yet and the policy names no time per case.</summary>
    public const int DefaultMinutesPerCase = 10;

    public void Join(Bookings.Booking booking, DateTimeOffset now) => db.QueueTickets.Add(QueueTicket.CheckedIn(booking, now));

    public async Task CloseServedAsync(Bookings.Booking booking, string servedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.TicketNumber is not { } ticket)
        {
            return;
        }

        await db.QueueTickets.Where(q => q.HallId == booking.HallId && q.Date == booking.Date && q.TicketNumber == ticket && q.BookingId == booking.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.State, QueueTicketState.Served), cancellationToken);
        await db.TicketCalls.Where(c => c.HallId == booking.HallId && c.Date == booking.Date && c.TicketNumber == ticket && c.Outcome == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.Outcome, CallOutcome.Served).SetProperty(c => c.FinishedAt, now).SetProperty(c => c.FinishedBy, servedBy),
                cancellationToken);
    }

    public async Task<QueuePlace?> PlaceOfAsync(Bookings.Booking booking, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.TicketNumber is not { } ticket)
        {
            return null;
        }

        var own = await db.QueueTickets.AsNoTracking()
            .FirstOrDefaultAsync(q => q.HallId == booking.HallId && q.Date == booking.Date && q.TicketNumber == ticket && q.BookingId == booking.Id, cancellationToken);
        if (own is null)
        {
            return null;
        }

        if (own.State == QueueTicketState.Called)
        {
            var call = await db.TicketCalls.AsNoTracking()
                .Where(c => c.HallId == own.HallId && c.Date == own.Date && c.TicketNumber == ticket && c.Outcome == null)
                .FirstOrDefaultAsync(cancellationToken);
            return new QueuePlace("called", 0, 0, 0, call?.WindowId, call?.CalledAt.ToUniversalTime());
        }

        if (own.State != QueueTicketState.Waiting)
        {
            return null;
        }

        var ahead = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::integer AS "Value"
            FROM queue_tickets q JOIN bookings b ON b.id = q.booking_id
            WHERE q.hall_id = {own.HallId} AND q.date = {own.Date} AND q.window_group = {own.WindowGroup} AND q.state = 'waiting'
              AND b.status = 'checked_in' AND b.date = q.date AND b.ticket_number = q.ticket_number
              AND (q.rank, q.sort_key) < ({own.Rank}, {own.SortKey})
            """).SingleAsync(cancellationToken);
        var minutes = await EstimatedWaitMinutesAsync(own, ahead, now, cancellationToken);
        return new QueuePlace("waiting", ahead + 1, ahead, minutes, null, null);
    }

    /// <summary>
    /// The wait for <paramref name="ahead"/> tickets: the median of the group's last <see cref="ServiceTimeSample"/> call-to-served
    /// durations, or (no history yet) the policy's minutes per case of the group, times the tickets ahead, divided by the group's
    /// windows at work (those that called in the last hour; the policy's count when none did).
    /// </summary>
    private async Task<int> EstimatedWaitMinutesAsync(QueueTicket own, int ahead, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ahead == 0)
        {
            return 0;
        }

        var median = await db.Database.SqlQuery<double?>($"""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.finished_at - t.called_at))::double precision AS "Value"
            FROM (SELECT c.finished_at, c.called_at FROM ticket_calls c
                  WHERE c.hall_id = {own.HallId} AND c.window_group = {own.WindowGroup} AND c.outcome = 'served'
                  ORDER BY c.id DESC LIMIT {ServiceTimeSample}) t
            """).SingleAsync(cancellationToken);
        var hourAgo = now.AddHours(-1);
        var active = await db.TicketCalls.AsNoTracking()
            .Where(c => c.HallId == own.HallId && c.Date == own.Date && c.WindowGroup == own.WindowGroup && c.CalledAt >= hourAgo)
            .Select(c => c.WindowId).Distinct().CountAsync(cancellationToken);
        BookingPolicy? policy = null;
        if (median is null || active == 0)
        {
            policy = await BookingPolicies.InForceAsync(db, own.HallId, now, cancellationToken);
        }

        var plan = policy?.WindowGroups.FirstOrDefault(g => g.Group == own.WindowGroup);
        var secondsPerCase = median ?? (plan?.MinutesPerCase ?? DefaultMinutesPerCase) * 60.0;
        var windows = active > 0 ? active : Math.Max(plan?.Windows ?? 1, 1);
        return (int)Math.Ceiling(ahead * secondsPerCase / windows / 60.0);
    }
}
