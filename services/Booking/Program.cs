using CivicHall.Booking;
using CivicHall.Booking.Agents;
using CivicHall.Booking.Bookings;
using CivicHall.Booking.Catalog;
using CivicHall.Booking.Data;
using CivicHall.Booking.Items;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using CivicHall.HallDirectory;
using CivicHall.Messaging;
using CivicHall.Messaging.Persistence;
using CivicHall.ServiceDefaults;
using CivicHall.ServiceDefaults.OpenApi;
using CivicHall.ServiceDefaults.PersonalData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<BookingDbContext>("booking");
builder.AddMessaging<BookingDbContext>("booking", bus => bus.AddHallDirectory<BookingDbContext>("booking"));
builder.Services.AddOpenApi(options => options.UseCivicHallContract(BookingApi.Contract));
builder.AddPersonalData();
builder.Services.AddOptions<BookingCatalogOptions>().BindConfiguration("Booking:Catalog");
builder.Services.AddSingleton<BookingCatalog>();
builder.Services.AddSingleton<BookingTargets>();
builder.Services.AddScoped<SlotPlanning>();
builder.Services.AddScoped<BookingStore>();
builder.Services.AddOptions<ReplannerOptions>().BindConfiguration("Booking:Replanning");
builder.Services.AddSingleton<Replanner>();
builder.Services.AddHostedService(services => services.GetRequiredService<Replanner>());
builder.Services.AddSingleton<NoShowSweeper>();
builder.Services.AddHostedService(services => services.GetRequiredService<NoShowSweeper>());
BookingProblems.Register();

var app = builder.Build();
app.UseServiceDefaults();
app.MapCivicHallOpenApi();
app.MapServiceItemEndpoints();
app.MapBookingPolicyEndpoints();
app.MapSlotEndpoints();
app.MapBookingEndpoints();
app.MapBatchBookingEndpoints();
app.MapBookingPersonEndpoints();
app.MapAgentEndpoints();

if (await app.PrepareDatabaseAsync<BookingDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
