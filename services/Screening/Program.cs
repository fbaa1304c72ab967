using CivicHall.HallDirectory;
using CivicHall.Messaging;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Persistence;
using CivicHall.Screening;
using CivicHall.Screening.Data;
using CivicHall.Screening.Policies;
using CivicHall.Screening.Screenings;
using CivicHall.Screening.Staff;
using CivicHall.Screening.Visits;
using CivicHall.ServiceDefaults;
using CivicHall.ServiceDefaults.OpenApi;
using CivicHall.ServiceDefaults.PersonalData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ScreeningDbContext>("screening");
builder.AddMessaging<ScreeningDbContext>("screening", bus =>
{
    bus.AddHallDirectory<ScreeningDbContext>("screening");
    bus.AddInboxConsumer<BookingConfirmedConsumer>().Endpoint(e => e.Name = "screening-booking-confirmed");
    bus.AddInboxConsumer<BookingMovedConsumer>().Endpoint(e => e.Name = "screening-booking-moved");
    bus.AddInboxConsumer<BookingCancelledConsumer>().Endpoint(e => e.Name = "screening-booking-cancelled");
    bus.AddInboxConsumer<BookingNoShowConsumer>().Endpoint(e => e.Name = "screening-booking-no-show");
    bus.AddInboxConsumer<BookingServedConsumer>().Endpoint(e => e.Name = "screening-booking-served");
});
builder.Services.AddOpenApi(options => options.UseCivicHallContract(ScreeningApi.Contract));
builder.AddPersonalData();
builder.Services.AddOptions<ScreeningCatalogOptions>().BindConfiguration("Screening:Catalog");
builder.Services.AddSingleton<ScreeningCatalog>();
builder.Services.AddScoped<ScreeningStore>();
builder.Services.AddSingleton<ScreeningRecordPurger>();
builder.Services.AddHostedService(services => services.GetRequiredService<ScreeningRecordPurger>());
ScreeningProblems.Register();

var app = builder.Build();
app.UseServiceDefaults();
app.MapCivicHallOpenApi();
app.MapScreeningPolicyEndpoints();
app.MapScreeningEndpoints();
app.MapStaffHealthFileEndpoints();

if (await app.PrepareDatabaseAsync<ScreeningDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
