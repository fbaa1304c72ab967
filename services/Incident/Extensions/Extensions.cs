using CivicHall.Incident.Actions;
using CivicHall.Incident.Cases;
using CivicHall.Incident.Containment;
using CivicHall.Incident.Deadlines;
using CivicHall.Incident.Notices;
using CivicHall.Incident.Policies;
using CivicHall.Incident.Reports;
using CivicHall.Incident.Tracing;
using CivicHall.Incident.Tracing.Exports;
using CivicHall.Messaging.Inbox;
using CivicHall.ServiceDefaults.Hosting;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Incident;

public static class Extensions
{
    /// <summary>Incident's database, messaging (the hall directory, abnormal readings) and OpenAPI contract.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IncidentDbContext>("incident");
        builder.AddPersonalData();
        builder.AddMessaging<IncidentDbContext>("incident", bus =>
        {
            bus.AddHallDirectory<IncidentDbContext>("incident");
            bus.AddInboxConsumer<AbnormalPersonDetectedConsumer>().Endpoint(e => e.Name = "incident-abnormal-person-detected");
            bus.AddInboxConsumer<ZoneClosedConsumer>().Endpoint(e => e.Name = "incident-zone-closed");
            bus.AddInboxConsumer<OnSiteStateAppliedConsumer>().Endpoint(e => e.Name = "incident-on-site-state-applied");
            bus.AddInboxConsumer<TerminalDisinfectionScheduledConsumer>().Endpoint(e => e.Name = "incident-terminal-disinfection-scheduled");
            bus.AddInboxConsumer<ContainmentBookingsHandledConsumer>().Endpoint(e => e.Name = "incident-containment-bookings-handled");
            bus.AddInboxConsumer<ZoneSanitizedConsumer>().Endpoint(e => e.Name = "incident-zone-sanitized");
            bus.AddInboxConsumer<ZoneReopenedConsumer>().Endpoint(e => e.Name = "incident-zone-reopened");
            bus.AddInboxConsumer<ScreeningDayClosedConsumer>().Endpoint(e => e.Name = "incident-screening-day-closed");
            bus.AddInboxConsumer<OccupancyDayClosedConsumer>().Endpoint(e => e.Name = "incident-occupancy-day-closed");
            bus.AddInboxConsumer<BookingDayClosedConsumer>().Endpoint(e => e.Name = "incident-booking-day-closed");
            bus.AddInboxConsumer<SanitationDayClosedConsumer>().Endpoint(e => e.Name = "incident-sanitation-day-closed");
        });
        builder.Services.AddOptions<DeadlineSweepOptions>().BindConfiguration("Incident:Deadlines");
        builder.Services.AddHostedSingleton<DeadlineSweep>();
        builder.Services.AddOptions<ContainmentOptions>().BindConfiguration("Incident:Containment");
        builder.Services.AddHostedSingleton<AcknowledgementSweep>();
        TracingSources.Add(builder.Services);
        builder.Services.AddScoped<TracingRunner>();
        builder.Services.AddOptions<ClearExportOptions>().BindConfiguration("Incident:ClearExports");
        builder.Services.AddScoped<ClearIdentitySources>();
        builder.Services.AddOptions<ReportDeadlineSweepOptions>().BindConfiguration("Incident:Reports");
        builder.Services.AddHostedSingleton<ReportDeadlineSweep>();
        builder.Services.AddOpenApi(options => options.UseCivicHallContract(IncidentApi.Contract));
        IncidentProblems.Register();
    }

    /// <summary>The OpenAPI document and every incident endpoint.</summary>
    public static void MapIncidentApi(this WebApplication app)
    {
        app.MapCivicHallOpenApi();
        app.MapIncidentEndpoints();
        app.MapCaseNoticeEndpoints();
        app.MapIncidentActionEndpoints();
        app.MapIncidentPolicyEndpoints();
        app.MapContainmentEndpoints();
        app.MapTracingEndpoints();
        app.MapClearExportEndpoints();
        app.MapPersonalDataAccessEndpoints();
        app.MapDailyReportEndpoints();
    }
}
