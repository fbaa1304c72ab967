using CivicHall.Messaging.Inbox;
using CivicHall.Sanitation.Compliance;
using CivicHall.Sanitation.Meetings;
using CivicHall.Sanitation.Occupation;
using CivicHall.Sanitation.Plans;
using CivicHall.Sanitation.Records;
using CivicHall.Sanitation.Supplies;
using CivicHall.Sanitation.Tasks;
using CivicHall.Sanitation.Terminal;
using CivicHall.Sanitation.Waste;
using CivicHall.ServiceDefaults.Hosting;

namespace CivicHall.Sanitation;

public static class Extensions
{
    /// <summary>Sanitation's database, messaging (the hall directory), OpenAPI contract, plans, meetings and due tasks.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SanitationDbContext>("sanitation");
        builder.AddMessaging<SanitationDbContext>("sanitation", bus =>
        {
            bus.AddHallDirectory<SanitationDbContext>("sanitation");
            bus.AddInboxConsumer<ZoneClosureOrderedConsumer>().Endpoint(e => e.Name = "sanitation-zone-closure-ordered");
            bus.AddInboxConsumer<AbnormalPersonDetectedConsumer>().Endpoint(e => e.Name = "sanitation-abnormal-person-detected");
            bus.AddInboxConsumer<PersonAdmittedConsumer>().Endpoint(e => e.Name = "sanitation-person-admitted");
            bus.AddInboxConsumer<OccupancyChangedConsumer>().Endpoint(e => e.Name = "sanitation-occupancy-changed");
        });
        builder.Services.AddOpenApi(options => options.UseCivicHallContract(SanitationApi.Contract));
        builder.Services.AddScoped<TaskDays>();
        builder.Services.AddScoped<IPlanAddedHandler>(services => services.GetRequiredService<TaskDays>());
        builder.Services.AddScoped<IMeetingDaysChangedHandler>(services => services.GetRequiredService<TaskDays>());
        builder.Services.AddOptions<DueTaskSweepOptions>().BindConfiguration("Sanitation:Tasks");
        builder.Services.AddHostedSingleton<DueTaskSweep>();
        builder.Services.AddOptions<OverdueSweepOptions>().BindConfiguration("Sanitation:Overdue");
        builder.Services.AddHostedSingleton<OverdueSweep>();
        builder.Services.AddOptions<DayCloseSweepOptions>().BindConfiguration("Sanitation:DayClose");
        builder.Services.AddHostedSingleton<DayCloseSweep>();
        SanitationProblems.Register();
    }

    /// <summary>The OpenAPI document and every sanitation endpoint.</summary>
    public static void MapSanitationApi(this WebApplication app)
    {
        app.MapCivicHallOpenApi();
        app.MapSanitationPlanEndpoints();
        app.MapMeetingEndpoints();
        app.MapTaskBoardEndpoints();
        app.MapRecordEndpoints();
        app.MapTerminalEndpoints();
        app.MapSupplyEndpoints();
        app.MapComplianceEndpoints();
        app.MapSupplyStockEndpoints();
        app.MapSupplyMovementEndpoints();
        app.MapDailyMaskEndpoints();
        app.MapWasteEndpoints();
    }
}
