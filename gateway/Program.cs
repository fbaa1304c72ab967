using CivicHall.Gateway;
using CivicHall.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseServiceDefaults(app.UseGatewayBeforeAuthentication, app.UseGatewayBeforeAuthorization);
app.MapGatewayApi();

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
