using CivicHall.HallDirectory;
using CivicHall.Messaging;
using CivicHall.Messaging.Persistence;
using CivicHall.Screening.Data;
using CivicHall.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ScreeningDbContext>("screening");
builder.AddMessaging<ScreeningDbContext>("screening", bus => bus.AddHallDirectory<ScreeningDbContext>("screening"));
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();

if (await app.PrepareDatabaseAsync<ScreeningDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
