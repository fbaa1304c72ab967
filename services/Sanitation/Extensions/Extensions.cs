namespace CivicHall.Sanitation;

public static class Extensions
{
    /// <summary>Sanitation's database, messaging (the hall directory) and OpenAPI contract.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SanitationDbContext>("sanitation");
        builder.AddMessaging<SanitationDbContext>("sanitation", bus => bus.AddHallDirectory<SanitationDbContext>("sanitation"));
        builder.Services.AddOpenApi(options => options.UseCivicHallContract(SanitationApi.Contract));
    }

    /// <summary>The OpenAPI document; sanitation's endpoints join it here.</summary>
    public static void MapSanitationApi(this WebApplication app) => app.MapCivicHallOpenApi();
}
