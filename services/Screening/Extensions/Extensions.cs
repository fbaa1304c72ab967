using CivicHall.Messaging.Inbox;
using CivicHall.Screening.Holds;
using CivicHall.Screening.Ledgers;
using CivicHall.Screening.Policies;
using CivicHall.Screening.Screenings;
using CivicHall.Screening.Staff;
using CivicHall.Screening.Tracing;
using CivicHall.Screening.Visits;
using CivicHall.ServiceDefaults.Hosting;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.Screening;

public static class Extensions
{
    /// <summary>Screening's database, messaging (hall directory and booking's events), OpenAPI contract and its own services.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ScreeningDbContext>("screening");
        builder.AddMessaging<ScreeningDbContext>("screening", bus =>
        {
            bus.AddHallDirectory<ScreeningDbContext>("screening");
            bus.AddInboxConsumer<BookingConfirmedConsumer>().Endpoint(e => e.Name = "screening-booking-confirmed");
            bus.AddInboxConsumer<BookingMovedConsumer>().Endpoint(e => e.Name = "screening-booking-moved");
            bus.AddInboxConsumer<BookingCancelledConsumer>().Endpoint(e => e.Name = "screening-booking-cancelled");
            bus.AddInboxConsumer<BookingNoShowConsumer>().Endpoint(e => e.Name = "screening-booking-no-show");
            bus.AddInboxConsumer<BookingServedConsumer>().Endpoint(e => e.Name = "screening-booking-served");
            bus.AddInboxConsumer<IncidentOpenedConsumer>().Endpoint(e => e.Name = "screening-incident-opened");
            bus.AddInboxConsumer<IncidentClosedConsumer>().Endpoint(e => e.Name = "screening-incident-closed");
            bus.AddInboxConsumer<ContactsTracedConsumer>().Endpoint(e => e.Name = "screening-contacts-traced");
        });
        builder.Services.AddOpenApi(options => options.UseCivicHallContract(ScreeningApi.Contract));
        builder.AddPersonalData();
        builder.Services.AddOptions<ScreeningCatalogOptions>().BindConfiguration("Screening:Catalog");
        builder.Services.AddSingleton<ScreeningCatalog>();
        builder.Services.AddScoped<ScreeningStore>();
        builder.Services.AddScoped<StaffHealthFileStore>();
        builder.Services.AddHostedSingleton<ScreeningRecordPurger>();
        builder.Services.AddOptions<Reports.DayCloseSweepOptions>().BindConfiguration("Screening:DayClose");
        builder.Services.AddHostedSingleton<Reports.DayCloseSweep>();
        ScreeningProblems.Register();
    }

    /// <summary>The OpenAPI document and every screening endpoint.</summary>
    public static void MapScreeningApi(this WebApplication app)
    {
        app.MapCivicHallOpenApi();
        app.MapScreeningPolicyEndpoints();
        app.MapScreeningEndpoints();
        app.MapStaffHealthFileEndpoints();
        app.MapTracingEndpoints();
        app.MapClearIdentityEndpoints();
        app.MapScreeningLedgerEndpoints();
    }
}
