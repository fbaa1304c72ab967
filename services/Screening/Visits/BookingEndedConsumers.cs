using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Screening.Visits;

/// <summary>
/// A booking that ended — cancelled, marked a no-show or served (办结) — no longer lets its visitor in,
/// so coming back takes a new booking. The three events carry the same facts; each keeps a consumer
/// (queue and inbox name) of its own.
/// </summary>
public abstract class BookingEndedConsumer<TMessage>(ScreeningDbContext db, TimeProvider timeProvider, ILogger logger)
    : InboxConsumer<TMessage, ScreeningDbContext>(db, timeProvider, logger)
    where TMessage : class
{
    protected override string? LockOrderKey(TMessage message) => Ended(message).BookingId.ToString();

    protected override Task HandleAsync(TMessage message, ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ended = Ended(message);
        return VisitorBookings.EndAsync(Db, ended.BookingId, ended.HallId, ended.PersonKey, ended.OccurredAt, TimeProvider.GetUtcNow(), context.CancellationToken);
    }

    /// <summary>Which booking ended, and when.</summary>
    protected abstract BookingEnd Ended(TMessage message);
}

/// <summary>The facts <see cref="BookingEndedConsumer{TMessage}"/> needs from its event.</summary>
public readonly record struct BookingEnd(Guid BookingId, string HallId, string PersonKey, DateTimeOffset OccurredAt);

public sealed class BookingCancelledConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<BookingCancelledConsumer> logger)
    : BookingEndedConsumer<BookingCancelled>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.booking-cancelled";

    protected override BookingEnd Ended(BookingCancelled message) => new(message.BookingId, message.HallId, message.PersonKey, message.OccurredAt);
}

public sealed class BookingNoShowConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<BookingNoShowConsumer> logger)
    : BookingEndedConsumer<BookingNoShow>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.booking-no-show";

    protected override BookingEnd Ended(BookingNoShow message) => new(message.BookingId, message.HallId, message.PersonKey, message.OccurredAt);
}

public sealed class BookingServedConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<BookingServedConsumer> logger)
    : BookingEndedConsumer<BookingServed>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.booking-served";

    protected override BookingEnd Ended(BookingServed message) => new(message.BookingId, message.HallId, message.PersonKey, message.OccurredAt);
}
