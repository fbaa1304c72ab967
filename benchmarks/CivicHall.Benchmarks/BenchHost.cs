using CivicHall.Messaging;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivicHall.Benchmarks;

/// <summary>A minimal service built from the Messaging block, on a fresh database and vhost.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public Arrivals Arrivals => Services.GetRequiredService<Arrivals>();

    /// <summary>Configuration overrides for every host (<c>--set Messaging:InboxBatchSize=50</c>).</summary>
    public static Dictionary<string, string?> Overrides { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<BenchHost> StartAsync(string database, string messagingUri, bool inbox, bool start = true)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:bench"] = database,
            ["ConnectionStrings:messaging"] = messagingUri,
        });
        builder.Configuration.AddInMemoryCollection(Overrides);
        builder.Services.AddSingleton<Arrivals>();
        builder.AddServiceDatabase<BenchDbContext>("bench");
        builder.AddMessaging<BenchDbContext>("bench", bus =>
        {
            if (inbox)
            {
                bus.AddInboxConsumer<InboxEffectConsumer>();
                bus.AddConsumeObserver<CommittedArrivalObserver>();
            }
            else
            {
                bus.AddConsumer<CountingConsumer>();
            }
        });
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
        }

        if (start)
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        }

        return new BenchHost(host);
    }

    public async Task StartAsync()
    {
        await _host.StartAsync();
        await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    public async Task WaitForAsync(long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Arrivals.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Npgsql.NpgsqlConnection.ClearAllPools(); // the next phase starts with the server's connections free
    }
}
