using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Screening.Visits;

/// <summary>A re-plan moved the booking: its visitor is expected in the new window.</summary>
public sealed class BookingMovedConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<BookingMovedConsumer> logger)
    : InboxConsumer<BookingMoved, ScreeningDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.booking-moved";

    protected override string? LockOrderKey(BookingMoved message) => message.BookingId.ToString();

    protected override Task HandleAsync(BookingMoved message, ConsumeContext<BookingMoved> context) =>
        Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO visitor_bookings (booking_id, hall_id, person_key, slot_starts_at, slot_ends_at, green_channel, active, updated_at)
            VALUES ({message.BookingId}, {message.HallId}, {message.PersonKey}, {message.SlotStartsAt}, {message.SlotEndsAt}, false, true, {TimeProvider.GetUtcNow()})
            ON CONFLICT (booking_id) DO UPDATE
            SET slot_starts_at = excluded.slot_starts_at, slot_ends_at = excluded.slot_ends_at, updated_at = excluded.updated_at
            """,
            context.CancellationToken);
}
