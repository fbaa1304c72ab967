using CivicHall.Gateway.Development;
using CivicHall.Gateway.Forwarding;
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
app.MapReverseProxy(proxy =>
{
    // A service that cannot be reached answers 503 temporarily_unavailable, not a bare 502/504.
    proxy.Use(UnreachableServiceAnswer.WriteWhenUnreachableAsync);
    // YARP's default pipeline, which a custom one must name.
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
