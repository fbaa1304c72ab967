using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Inbox;
using CivicHall.Screening.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.Screening.Visits;

/// <summary>A booking marked a no-show no longer lets its visitor in.</summary>
public sealed class BookingNoShowConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<BookingNoShowConsumer> logger)
    : InboxConsumer<BookingNoShow, ScreeningDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.booking-no-show";

    protected override string? LockOrderKey(BookingNoShow message) => message.BookingId.ToString();

    protected override Task HandleAsync(BookingNoShow message, ConsumeContext<BookingNoShow> context) =>
        VisitorBookings.EndAsync(Db, message.BookingId, message.HallId, message.PersonKey, message.OccurredAt, TimeProvider.GetUtcNow(), context.CancellationToken);
}
