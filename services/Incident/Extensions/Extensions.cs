namespace CivicHall.Incident;

public static class Extensions
{
    /// <summary>Incident's database, messaging (the hall directory) and OpenAPI contract.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IncidentDbContext>("incident");
        builder.AddMessaging<IncidentDbContext>("incident", bus => bus.AddHallDirectory<IncidentDbContext>("incident"));
        builder.Services.AddOpenApi(options => options.UseCivicHallContract(IncidentApi.Contract));
    }

    /// <summary>The OpenAPI document; incident's endpoints join it here.</summary>
    public static void MapIncidentApi(this WebApplication app) => app.MapCivicHallOpenApi();
}
