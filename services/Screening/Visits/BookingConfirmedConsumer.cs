using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Screening.Visits;

/// <summary>
/// Adds a confirmed booking to the projection. Events of one booking can arrive out of order: a row
/// already there (moved, cancelled) was written by a later event and is left as it is.
/// </summary>
public sealed class BookingConfirmedConsumer(ScreeningDbContext db, TimeProvider timeProvider, ILogger<BookingConfirmedConsumer> logger)
    : InboxConsumer<BookingConfirmed, ScreeningDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "screening.booking-confirmed";

    protected override string? LockOrderKey(BookingConfirmed message) => message.BookingId.ToString();

    protected override Task HandleAsync(BookingConfirmed message, ConsumeContext<BookingConfirmed> context) =>
        Db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO visitor_bookings (booking_id, hall_id, person_key, slot_starts_at, slot_ends_at, green_channel, active, updated_at)
            VALUES ({message.BookingId}, {message.HallId}, {message.PersonKey}, {message.SlotStartsAt}, {message.SlotEndsAt},
                    {message.Kind == BookingKinds.GreenChannel}, true, {TimeProvider.GetUtcNow()})
            ON CONFLICT (booking_id) DO NOTHING
            """,
            context.CancellationToken);
}
