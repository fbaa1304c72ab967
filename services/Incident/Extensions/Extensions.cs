using CivicHall.Incident.Actions;
using CivicHall.Incident.Cases;
using CivicHall.Incident.Deadlines;
using CivicHall.Incident.Notices;
using CivicHall.Incident.Policies;
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
        });
        builder.Services.AddOptions<DeadlineSweepOptions>().BindConfiguration("Incident:Deadlines");
        builder.Services.AddHostedSingleton<DeadlineSweep>();
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
    }
}
