using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Inbox;
using CivicHall.Screening.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Screening.Visits;

/// <summary>A cancelled booking no longer lets its visitor in.</summary>
public sealed class BookingCancelledConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<BookingCancelledConsumer> logger)
    : InboxConsumer<BookingCancelled, ScreeningDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.booking-cancelled";

    protected override string? LockOrderKey(BookingCancelled message) => message.BookingId.ToString();

    protected override Task HandleAsync(BookingCancelled message, ConsumeContext<BookingCancelled> context) =>
        VisitorBookings.EndAsync(Db, message.BookingId, message.HallId, message.PersonKey, message.OccurredAt, TimeProvider.GetUtcNow(), context.CancellationToken);
}
