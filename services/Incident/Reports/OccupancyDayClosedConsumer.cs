using System.Globalization;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Reports;

/// <summary>Occupancy closed a hall-day: the occupancy section of its daily report (a newer revision corrects a published report).</summary>
public sealed class OccupancyDayClosedConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<OccupancyDayClosedConsumer> logger)
    : InboxConsumer<OccupancyDayClosed, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.occupancy-day-closed";

    protected override string? LockOrderKey(OccupancyDayClosed message) => message.HallId + "/" + message.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override Task HandleAsync(OccupancyDayClosed message, ConsumeContext<OccupancyDayClosed> context) =>
        DailyReportStore.ApplyAsync(
            Db, TimeProvider, ReportSources.Occupancy, message.HallId, message.LocalDate, message.TimeZone, message.Revision, DailyReportRules.Section(message),
            context.CancellationToken);
}
