using CivicHall.Gateway.Development;
using CivicHall.Gateway.ServiceDiscovery;
using CivicHall.ServiceDefaults;
using Yarp.ReverseProxy.ServiceDiscovery;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.UseServiceDefaults();
if (app.Environment.IsDevelopment())
{
    app.MapDevelopmentTokens();
}

// Routes without an AuthorizationPolicy fall back to "authenticated caller" (ServiceDefaults);
// the services then check the caller's role on every endpoint.
app.MapReverseProxy();

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
