using CivicHall.Messaging;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Persistence;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivicHall.IntegrationTests.Messaging;

/// <summary>What a <see cref="TallyHost"/> consumes.</summary>
public enum TallyConsumers
{
    /// <summary><see cref="TallyConsumer"/> behind the inbox, and the faults it gives up on.</summary>
    Inbox,

    /// <summary><see cref="DeliveryLogConsumer"/>: every delivery as it arrives, duplicates included.</summary>
    DeliveryLog,

    /// <summary>Nothing: a relay and its outbox only.</summary>
    None,
}

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

    /// <summary>Deliveries begun and ended on this host's bus (the marker that nothing is still being applied).</summary>
    public DeliveryTracker Tracker => Services.GetRequiredService<DeliveryTracker>();

    /// <summary>Every line this host logged.</summary>
    public CapturedLogs Logs => Services.GetRequiredService<CapturedLogs>();

    public static async Task<TallyHost> StartAsync(
        string database, string messagingUri, TallyConsumers consumers = TallyConsumers.Inbox, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:tally"] = database,
            ["ConnectionStrings:messaging"] = messagingUri,
            ["Messaging:MaxRetryDelay"] = "00:00:01",
            ["Messaging:ConsumerRetryMaxInterval"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddSingleton<FailureSwitch>();
        builder.Services.AddSingleton<FaultLog>();
        builder.Services.AddSingleton<DeliveryTracker>();
        builder.Services.AddReceiveObserver(provider => provider.GetRequiredService<DeliveryTracker>());
        var logs = new CapturedLogs();
        builder.Services.AddSingleton(logs);
        builder.Logging.AddProvider(logs);
        builder.AddServiceDatabase<TallyDbContext>("tally");
        builder.AddMessaging<TallyDbContext>("tally", bus =>
        {
            switch (consumers)
            {
                case TallyConsumers.DeliveryLog:
                    bus.AddConsumer<DeliveryLogConsumer>();
                    break;
                case TallyConsumers.Inbox:
                    bus.AddInboxConsumer<TallyConsumer>();
                    bus.AddConsumer<FaultLogConsumer>();
                    break;
                case TallyConsumers.None:
                    break;
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
