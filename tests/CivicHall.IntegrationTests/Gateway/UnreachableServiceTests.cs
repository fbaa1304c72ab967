using System.Net.Sockets;
using CivicHall.Gateway;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// A service that is not running answers, through the gateway, 503 <c>temporarily_unavailable</c>
/// with <c>Retry-After</c> as problem+json — not YARP's bare 502.
/// </summary>
public sealed class UnreachableServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_route_to_a_service_that_is_down_answers_503_with_retry_after()
    {
        var nobody = $"http://localhost:{ClosedPort()}";
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var service in new[] { "booking", "screening", "occupancy", "sanitation", "incident" })
        {
            settings[$"services:{service}:http:0"] = nobody;
        }

        await using var gateway = new ServiceHost<GatewayEntryPoint>("gateway", settings, listenOnKestrel: true);
        using var client = ((IServiceHost)gateway).CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create([Roles.Citizen], "cit-down", TimeProvider.System));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var response = await client.GetAsync($"/api/v1/bookings/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("temporarily_unavailable", problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
