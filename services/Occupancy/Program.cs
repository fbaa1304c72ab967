using CivicHall.Messaging;
using CivicHall.Messaging.Persistence;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Halls;
using CivicHall.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<OccupancyDbContext>("occupancy");
builder.AddMessaging<OccupancyDbContext>("occupancy");
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapHallEndpoints();

if (await app.PrepareDatabaseAsync<OccupancyDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
