using System.Globalization;
using CivicHall.Contracts.Sanitation.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;

namespace CivicHall.Incident.Reports;

/// <summary>Sanitation closed a hall-day: the sanitation section of its daily report (a newer revision corrects a published report). Sanitation closes a day once: its summary is revision 1.</summary>
public sealed class SanitationDayClosedConsumer(IncidentDbContext db, TimeProvider timeProvider, ILogger<SanitationDayClosedConsumer> logger)
    : InboxConsumer<SanitationDayClosed, IncidentDbContext>(db, timeProvider, logger)
{
    protected override string InboxName => "incident.sanitation-day-closed";

    protected override string? LockOrderKey(SanitationDayClosed message) => message.HallId + "/" + message.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override Task HandleAsync(SanitationDayClosed message, ConsumeContext<SanitationDayClosed> context) =>
        DailyReportStore.ApplyAsync(
            Db, TimeProvider, ReportSources.Sanitation, message.HallId, message.LocalDate, message.TimeZone, 1, DailyReportRules.Section(message),
            context.CancellationToken);
}
