using System.Globalization;
using CivicHall.Contracts.Screening.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Reports;

/// <summary>Screening closed a hall-day: the screening section of its daily report (a newer revision corrects a published report).</summary>
public sealed class ScreeningDayClosedConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<ScreeningDayClosedConsumer> logger)
    : InboxConsumer<ScreeningDayClosed, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.screening-day-closed";

    protected override string? LockOrderKey(ScreeningDayClosed message) => message.HallId + "/" + message.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override Task HandleAsync(ScreeningDayClosed message, ConsumeContext<ScreeningDayClosed> context) =>
        DailyReportStore.ApplyAsync(
            Db, TimeProvider, ReportSources.Screening, message.HallId, message.LocalDate, message.TimeZone, message.Revision, DailyReportRules.Section(message),
            context.CancellationToken);
}
