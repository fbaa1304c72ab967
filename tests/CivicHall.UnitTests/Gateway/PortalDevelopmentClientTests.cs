using CivicHall.Gateway.Portal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CivicHall.UnitTests.Gateway;

/// <summary>
/// <c>Portal:DevelopmentClient=true</c>, which the AppHost and scripts/run set in Development: it registers the
/// public development client there, and the gateway refuses to start with it anywhere else.
/// </summary>
public sealed class PortalDevelopmentClientTests
{
    private static WebApplicationBuilder Builder(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DevelopmentClient"] = "true",
            ["ConnectionStrings:gateway"] = "Host=localhost;Database=gateway",
            ["ReverseProxy:Routes:halls:ClusterId"] = "occupancy",
            ["ReverseProxy:Routes:service-items:ClusterId"] = "booking",
            ["ReverseProxy:Routes:slots:ClusterId"] = "booking",
            ["ReverseProxy:Routes:bookings:ClusterId"] = "booking",
        });
        return builder;
    }

    [Fact]
    public void In_development_it_registers_dev_portal_with_the_development_secret_and_the_portals_routes()
    {
        var builder = Builder("Development");
        builder.AddPortalSigning();
        using var services = builder.Services.BuildServiceProvider();

        var client = services.GetRequiredService<IOptions<PortalOptions>>().Value.Clients[PortalOptions.DevelopmentClientAppKey];
        Assert.Equal([PortalOptions.DevelopmentSecret], client.Secrets);
        Assert.Equal(["halls", "service-items", "slots", "bookings"], client.AllowedRoutes);
        Assert.NotNull(services.GetService<NonceStore>());
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_the_gateway_refuses_to_start_with_it(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(environment).AddPortalSigning());
        Assert.Contains("Portal:DevelopmentClient", error.Message, StringComparison.Ordinal);
    }
}
