using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Inbox;
using CivicHall.Screening.Data;
using MassTransit;

namespace CivicHall.Screening.Visits;

/// <summary>
/// A served booking (办结) has had its visit: it no longer lets its visitor in, so coming back for a second
/// visit takes a new booking, as after a cancellation or a no-show.
/// </summary>
public sealed class BookingServedConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<BookingServedConsumer> logger)
    : InboxConsumer<BookingServed, ScreeningDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.booking-served";

    protected override string? LockOrderKey(BookingServed message) => message.BookingId.ToString();

    protected override Task HandleAsync(BookingServed message, ConsumeContext<BookingServed> context) =>
        VisitorBookings.EndAsync(Db, message.BookingId, message.HallId, message.PersonKey, message.OccurredAt, TimeProvider.GetUtcNow(), context.CancellationToken);
}
