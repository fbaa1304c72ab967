using CivicHall.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// The gateway in front of one stand-in for all five services (no database, no broker), for tests of
/// what the gateway itself does — rate limits, CORS, a browser's view. The stand-in answers every request
/// 200 with <c>{"answeredBy":"stand-in","path":…}</c>.
/// </summary>
public sealed class StandInGateway : IAsyncDisposable
{
    private readonly WebApplication _standIn;
    private readonly ServiceHost<GatewayEntryPoint> _gateway;

    private StandInGateway(WebApplication standIn, ServiceHost<GatewayEntryPoint> gateway)
    {
        _standIn = standIn;
        _gateway = gateway;
    }

    /// <summary>The gateway's address (http://localhost:port/).</summary>
    public Uri Address => ((IServiceHost)_gateway).Address!;

    public static async Task<StandInGateway> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var standIn = builder.Build();
        standIn.Run(context => context.Response.WriteAsJsonAsync(new { answeredBy = "stand-in", path = context.Request.Path.Value }, context.RequestAborted));
        await standIn.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var all = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Logging:LogLevel:Default"] = "Warning" };
            foreach (var service in new[] { "booking", "screening", "occupancy", "sanitation", "incident" })
            {
                all[$"services:{service}:http:0"] = standIn.Urls.Single();
            }

            foreach (var (key, value) in settings)
            {
                all[key] = value;
            }

            return new StandInGateway(standIn, new ServiceHost<GatewayEntryPoint>("gateway", all, listenOnKestrel: true));
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the gateway, with a development token of the subject when one is given.</summary>
    public HttpClient Client(string? subject = null, string role = Roles.Citizen)
    {
        var client = ((IServiceHost)_gateway).CreateClient();
        if (subject is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create([role], subject, TimeProvider.System));
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _standIn.StopAsync();
        await _standIn.DisposeAsync();
    }
}
