using CivicHall.Messaging;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Persistence;
using CivicHall.Occupancy;
using CivicHall.Occupancy.Announcements;
using CivicHall.Occupancy.Containment;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Door;
using CivicHall.Occupancy.Floor;
using CivicHall.Occupancy.Halls;
using CivicHall.Occupancy.Live;
using CivicHall.Occupancy.Policies;
using CivicHall.Occupancy.Records;
using CivicHall.ServiceDefaults;
using CivicHall.ServiceDefaults.OpenApi;
using CivicHall.ServiceDefaults.PersonalData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<OccupancyDbContext>("occupancy");
builder.AddMessaging<OccupancyDbContext>("occupancy", bus =>
{
    bus.AddInboxConsumer<PersonAdmittedConsumer>().Endpoint(e => e.Name = "occupancy-person-admitted");
    bus.AddInboxConsumer<ZoneClosureOrderedConsumer>().Endpoint(e => e.Name = "occupancy-zone-closure-ordered");
    bus.AddInboxConsumer<ZoneSanitizedConsumer>().Endpoint(e => e.Name = "occupancy-zone-sanitized");
    bus.AddInboxConsumer<OnSiteServiceSuspendedConsumer>().Endpoint(e => e.Name = "occupancy-on-site-service-suspended");
    bus.AddInboxConsumer<OnSiteServiceResumedConsumer>().Endpoint(e => e.Name = "occupancy-on-site-service-resumed");
});
builder.Services.AddOpenApi(options => options.UseCivicHallContract(OccupancyApi.Contract));
builder.AddPersonalData();
builder.Services.AddScoped<HallDoor>();
builder.Services.AddScoped<FloorPlanner>();
builder.Services.AddOptions<FloorPlanOptions>().BindConfiguration("Occupancy:FloorPlan");
builder.Services.AddSingleton<FloorPlanActivator>();
builder.Services.AddHostedService(services => services.GetRequiredService<FloorPlanActivator>());
builder.Services.AddOptions<OccupancyAnnouncerOptions>().BindConfiguration("Occupancy:Announcer");
builder.Services.AddSingleton<OccupancyAnnouncer>();
builder.Services.AddHostedService(services => services.GetRequiredService<OccupancyAnnouncer>());
builder.Services.AddSingleton<MovementRecordPurger>();
builder.Services.AddHostedService(services => services.GetRequiredService<MovementRecordPurger>());
builder.Services.AddOptions<OccupancyFeedOptions>().BindConfiguration("Occupancy:LiveFeed");
builder.Services.AddSingleton(new LiveFeedPacing(TimeProvider.System));
builder.Services.AddSingleton<FloorGauges>();
builder.Services.AddOptions<FloorSnapshotOptions>().BindConfiguration("Occupancy:Metrics");
builder.Services.AddHostedService<FloorSnapshots>();
builder.Services.AddSingleton<OccupancyFeed>();
builder.Services.AddHostedService(services => services.GetRequiredService<OccupancyFeed>());
OccupancyProblems.Register();

var app = builder.Build();
app.UseServiceDefaults();
app.MapCivicHallOpenApi();
app.MapHallEndpoints();
app.MapOccupancyPolicyEndpoints();
app.MapFloorEndpoints();
app.MapOccupancyStreamEndpoints();
app.MapExitEndpoints();
app.MapZoneEndpoints();

if (await app.PrepareDatabaseAsync<OccupancyDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
