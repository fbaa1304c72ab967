using System.Globalization;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Reports;

/// <summary>Booking closed a hall-day: the booking section of its daily report (a newer revision corrects a published report).</summary>
public sealed class BookingDayClosedConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<BookingDayClosedConsumer> logger)
    : InboxConsumer<BookingDayClosed, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.booking-day-closed";

    protected override string? LockOrderKey(BookingDayClosed message) => message.HallId + "/" + message.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override Task HandleAsync(BookingDayClosed message, ConsumeContext<BookingDayClosed> context) =>
        DailyReportStore.ApplyAsync(
            Db, TimeProvider, ReportSources.Booking, message.HallId, message.LocalDate, message.TimeZone, message.Revision, DailyReportRules.Section(message),
            context.CancellationToken);
}
