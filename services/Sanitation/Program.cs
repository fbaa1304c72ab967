using CivicHall.HallDirectory;
using CivicHall.Messaging;
using CivicHall.Messaging.Persistence;
using CivicHall.Sanitation;
using CivicHall.Sanitation.Data;
using CivicHall.ServiceDefaults;
using CivicHall.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<SanitationDbContext>("sanitation");
builder.AddMessaging<SanitationDbContext>("sanitation", bus => bus.AddHallDirectory<SanitationDbContext>("sanitation"));
builder.Services.AddOpenApi(options => options.UseCivicHallContract(SanitationApi.Contract));

var app = builder.Build();
app.UseServiceDefaults();
app.MapCivicHallOpenApi();

if (await app.PrepareDatabaseAsync<SanitationDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
