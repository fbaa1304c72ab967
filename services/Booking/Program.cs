using CivicHall.Booking.Data;
using CivicHall.HallDirectory;
using CivicHall.Messaging;
using CivicHall.Messaging.Persistence;
using CivicHall.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<BookingDbContext>("booking");
builder.AddMessaging<BookingDbContext>("booking", bus => bus.AddHallDirectory<BookingDbContext>("booking"));
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();

if (await app.PrepareDatabaseAsync<BookingDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
