using CivicHall.HallDirectory;
using CivicHall.Incident;
using CivicHall.Incident.Data;
using CivicHall.Messaging;
using CivicHall.Messaging.Persistence;
using CivicHall.ServiceDefaults;
using CivicHall.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<IncidentDbContext>("incident");
builder.AddMessaging<IncidentDbContext>("incident", bus => bus.AddHallDirectory<IncidentDbContext>("incident"));
builder.Services.AddOpenApi(options => options.UseCivicHallContract(IncidentApi.Contract));

var app = builder.Build();
app.UseServiceDefaults();
app.MapCivicHallOpenApi();

if (await app.PrepareDatabaseAsync<IncidentDbContext>(args))
{
    return;
}

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
