using CivicHall.Gateway.Cors;
using CivicHall.Gateway.Development;
using CivicHall.Gateway.Docs;
using CivicHall.Gateway.Forwarding;
using CivicHall.Gateway.Portal;
using CivicHall.Gateway.RateLimiting;
using Yarp.ReverseProxy.Forwarder;

namespace CivicHall.Gateway;

public static class Extensions
{
    /// <summary>
    /// The reverse proxy from the <c>ReverseProxy</c> settings. A cluster destination such as
    /// http://booking becomes one destination per endpoint that service discovery knows
    /// (services__booking__http__0, __1 … from Aspire or scripts/run), re-resolved when they change;
    /// a small request reaches its service in one write (<see cref="OneWriteRequestHandler"/>).
    /// Then what integrators rely on: CORS, signed portal requests, rate limits (README).
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, ServiceHttpClientFactory>();
        ApiDocument.Add(builder.Services);
        builder.AddGatewayCors();
        builder.AddPortalSigning();
        builder.AddGatewayRateLimits();
    }

    /// <summary>
    /// Before authentication: CORS (a preflight needs no token), then the portal's signature (a verified
    /// request goes on with the token the gateway minted for it).
    /// </summary>
    public static void UseGatewayBeforeAuthentication(this WebApplication app)
    {
        app.UseGatewayCors();
        app.UsePortalSigning();
    }

    /// <summary>After authentication (the partition is the validated caller), before authorisation: the rate limits.</summary>
    public static void UseGatewayBeforeAuthorization(this WebApplication app) => app.UseRateLimiter();

    /// <summary>
    /// The development token endpoint (Development only) and the proxied routes. Routes without an
    /// AuthorizationPolicy fall back to "authenticated caller" (ServiceDefaults); the services then
    /// check the caller's role on every endpoint.
    /// </summary>
    public static void MapGatewayApi(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapDevelopmentTokens();
        }

        app.MapApiReference();
        app.MapReverseProxy(proxy =>
        {
            // A service that cannot be reached answers 503 temporarily_unavailable, not a bare 502/504.
            proxy.Use(UnreachableServiceAnswer.WriteWhenUnreachableAsync);
            // A caller gone before its answer is not answered 400 bad_request (nor logged so): 499, no body.
            proxy.Use(CallerGone.MarkWhenGoneAsync);
            // YARP's default pipeline, which a custom one must name.
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
    }
}
