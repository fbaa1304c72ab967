using CivicHall.HallDirectory;
using CivicHall.Messaging;
using CivicHall.Messaging.Persistence;
using CivicHall.Sanitation.Data;
using CivicHall.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<SanitationDbContext>("sanitation");
builder.AddMessaging<SanitationDbContext>("sanitation", bus => bus.AddHallDirectory<SanitationDbContext>("sanitation"));
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();

if (await app.PrepareDatabaseAsync<SanitationDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
