using CivicHall.Booking;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapBookingApi();

// Migrates before taking traffic (unless Database:MigrateOnStartup is false); with --migrate-only it stops there.
if (await app.PrepareDatabaseAsync<BookingDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
