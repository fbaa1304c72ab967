using CivicHall.Messaging;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Persistence;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CivicHall.IntegrationTests.Messaging;

/// <summary>
/// A minimal service made of the Messaging building block alone: database + outbox relay + inbox
/// consumer. Two of them on one database and one vhost are two replicas of one service.
/// </summary>
public sealed class TallyHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TallyHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public DeliveryLog Deliveries => Services.GetRequiredService<DeliveryLog>();

    public FailureSwitch Failures => Services.GetRequiredService<FailureSwitch>();

    public FaultLog Faults => Services.GetRequiredService<FaultLog>();

    public static async Task<TallyHost> StartAsync(
        string database, string messagingUri, bool logDeliveries = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:tally"] = database,
            ["ConnectionStrings:messaging"] = messagingUri,
            ["Messaging:MaxRetryDelay"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddSingleton<FailureSwitch>();
        builder.Services.AddSingleton<FaultLog>();
        builder.AddServiceDatabase<TallyDbContext>("tally");
        builder.AddMessaging<TallyDbContext>("tally", bus =>
        {
            if (logDeliveries)
            {
                bus.AddConsumer<DeliveryLogConsumer>();
            }
            else
            {
                bus.AddInboxConsumer<TallyConsumer>();
                bus.AddConsumer<FaultLogConsumer>();
            }
        });

        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            await db.Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new TallyHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
