using CivicHall.Messaging.Inbox;
using CivicHall.Occupancy.Announcements;
using CivicHall.Occupancy.Containment;
using CivicHall.Occupancy.Door;
using CivicHall.Occupancy.Halls;
using CivicHall.Occupancy.Ledgers;
using CivicHall.Occupancy.Live;
using CivicHall.Occupancy.Planning;
using CivicHall.Occupancy.Policies;
using CivicHall.Occupancy.Records;
using CivicHall.Occupancy.Tracing;
using CivicHall.ServiceDefaults.Hosting;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Occupancy;

public static class Extensions
{
    /// <summary>Occupancy's database, messaging (admissions, closures, on-site state), OpenAPI contract and its own services.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OccupancyDbContext>("occupancy");
        builder.AddMessaging<OccupancyDbContext>("occupancy", bus =>
        {
            bus.AddInboxConsumer<PersonAdmittedConsumer>().Endpoint(e => e.Name = "occupancy-person-admitted");
            bus.AddInboxConsumer<ZoneClosureOrderedConsumer>().Endpoint(e => e.Name = "occupancy-zone-closure-ordered");
            bus.AddInboxConsumer<ZoneSanitizedConsumer>().Endpoint(e => e.Name = "occupancy-zone-sanitized");
            bus.AddInboxConsumer<OnSiteServiceSuspendedConsumer>().Endpoint(e => e.Name = "occupancy-on-site-service-suspended");
            bus.AddInboxConsumer<OnSiteServiceResumedConsumer>().Endpoint(e => e.Name = "occupancy-on-site-service-resumed");
            bus.AddInboxConsumer<IncidentOpenedConsumer>().Endpoint(e => e.Name = "occupancy-incident-opened");
            bus.AddInboxConsumer<IncidentClosedConsumer>().Endpoint(e => e.Name = "occupancy-incident-closed");
            bus.AddInboxConsumer<ContactsTracedConsumer>().Endpoint(e => e.Name = "occupancy-contacts-traced");
        });
        builder.Services.AddOpenApi(options => options.UseCivicHallContract(OccupancyApi.Contract));
        builder.AddPersonalData();
        builder.Services.AddScoped<FloorStore>();
        builder.Services.AddScoped<FloorPlanStore>();
        builder.Services.AddScoped<IFloorPlanStore>(services => services.GetRequiredService<FloorPlanStore>());
        builder.Services.AddOptions<FloorPlanOptions>().BindConfiguration("Occupancy:FloorPlan");
        builder.Services.AddHostedSingleton<FloorPlanActivationService>();
        builder.Services.AddOptions<OccupancyAnnouncementOptions>().BindConfiguration("Occupancy:Announcer");
        builder.Services.AddHostedSingleton<OccupancyAnnouncementService>();
        builder.Services.AddHostedSingleton<MovementRecordPurger>();
        builder.Services.AddOptions<Reports.DayCloseSweepOptions>().BindConfiguration("Occupancy:DayClose");
        builder.Services.AddHostedSingleton<Reports.DayCloseSweep>();
        builder.Services.AddOptions<OccupancyFeedOptions>().BindConfiguration("Occupancy:LiveFeed");
        builder.Services.AddSingleton(new LiveFeedPacing(TimeProvider.System));
        builder.Services.AddSingleton<FloorGauges>();
        builder.Services.AddSingleton<PublicLiveBoard>();
        builder.Services.AddOptions<FloorSnapshotOptions>().BindConfiguration("Occupancy:Metrics");
        builder.Services.AddHostedService<FloorSnapshots>();
        builder.Services.AddHostedSingleton<OccupancyFeed>();
        OccupancyProblems.Register();
    }

    /// <summary>The OpenAPI document and every occupancy endpoint.</summary>
    public static void MapOccupancyApi(this WebApplication app)
    {
        app.MapCivicHallOpenApi();
        app.MapHallEndpoints();
        app.MapOccupancyPolicyEndpoints();
        app.MapFloorEndpoints();
        app.MapOccupancyStreamEndpoints();
        app.MapPublicLiveEndpoints();
        app.MapExitEndpoints();
        app.MapZoneEndpoints();
        app.MapTracingEndpoints();
        app.MapAdmissionLedgerEndpoints();
    }
}
