using CivicHall.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// Service discovery (Microsoft.Extensions.ServiceDiscovery.Yarp) turns the cluster destination
/// <c>http://booking</c> into one destination per configured endpoint — <c>services__booking__http__0</c>
/// and <c>__1</c> — and the gateway spreads requests over all of them. Two stand-in replicas that say
/// who answered; no database or broker.
/// </summary>
public sealed class GatewayReplicaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_addresses_for_one_service_become_two_destinations_and_both_receive_requests()
    {
        await using var first = await Replica.StartAsync("first");
        await using var second = await Replica.StartAsync("second");
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["services:booking:http:0"] = first.Address,
            ["services:booking:http:1"] = second.Address,
        };
        foreach (var service in new[] { "screening", "occupancy", "sanitation", "incident" })
        {
            settings[$"services:{service}:http:0"] = "http://localhost:9"; // never called here
        }

        await using var gateway = new ServiceHost<GatewayEntryPoint>("gateway", settings, listenOnKestrel: false);

        var booking = Assert.Single(gateway.Services.GetRequiredService<IProxyStateLookup>().GetClusters(), c => c.ClusterId == "booking");
        var addresses = booking.Destinations.Values.Select(d => d.Model.Config.Address.TrimEnd('/')).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { first.Address, second.Address }.Order(StringComparer.Ordinal), addresses);

        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create([Roles.Citizen], "cit-replicas", TimeProvider.System));
        var requests = 0;
        while ((first.Answered == 0 || second.Answered == 0) && requests < 200)
        {
            requests++;
            using var response = await client.GetAsync($"/api/v1/bookings/{Guid.NewGuid()}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(first.Answered > 0 && second.Answered > 0, $"after {requests} requests: first answered {first.Answered}, second {second.Answered}");

        // Each replica is called by its own address (Host), as before the package: not by the logical name.
        Assert.All(first.Hosts, host => Assert.Equal(new Uri(first.Address).Authority, host));
        Assert.All(second.Hosts, host => Assert.Equal(new Uri(second.Address).Authority, host));
        TestContext.Current.TestOutputHelper?.WriteLine($"{requests} requests: first answered {first.Answered}, second {second.Answered}");
    }

    /// <summary>A stand-in for one replica of a service: answers every request 200 and counts them.</summary>
    private sealed class Replica : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _answered;

        private Replica(WebApplication app, string address)
        {
            _app = app;
            Address = address;
        }

        public string Address { get; }

        public int Answered => Volatile.Read(ref _answered);

        public ConcurrentQueue<string> Hosts { get; } = new();

        public static async Task<Replica> StartAsync(string name)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            Replica? replica = null;
            app.Run(async context =>
            {
                replica!.Hosts.Enqueue(context.Request.Host.Value ?? string.Empty);
                Interlocked.Increment(ref replica._answered);
                await context.Response.WriteAsync(name, context.RequestAborted);
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            replica = new Replica(app, app.Urls.Single());
            return replica;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
