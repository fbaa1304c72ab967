using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Booking.Containment;

/// <summary>
/// Occupancy reopened a zone (after its terminal disinfection, or a duty leader's override): the window groups in it
/// take bookings again. Bookings moved or cancelled by the closure stay as they are.
/// </summary>
public sealed class ZoneReopenedConsumer(BookingDbContext db, TimeProvider timeProvider, ILogger<ZoneReopenedConsumer> logger)
    : InboxConsumer<ZoneReopened, BookingDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "booking.zone-reopened";

    protected override string? LockOrderKey(ZoneReopened message) => message.HallId;

    protected override Task HandleAsync(ZoneReopened message, ConsumeContext<ZoneReopened> context) =>
        Db.ZoneClosures.Where(c => c.HallId == message.HallId && c.ZoneId == message.ZoneId && c.ReopenedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReopenedAt, message.OccurredAt), context.CancellationToken);
}
