using CivicHall.Gateway.Development;
using CivicHall.Gateway.Forwarding;
using CivicHall.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// A cluster destination such as http://booking becomes one destination per endpoint that service
// discovery knows (services__booking__http__0, __1 … from Aspire or scripts/run), re-resolved when they change.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

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
