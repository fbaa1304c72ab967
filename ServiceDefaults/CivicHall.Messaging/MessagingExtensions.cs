using CivicHall.Messaging.Health;
using CivicHall.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ from <c>ConnectionStrings:messaging</c> (an amqp URI, as Aspire injects
    /// it), with retries and <c>_error</c> queues, plus the outbox relay for <typeparamref name="TDbContext"/>.
    /// Queues are prefixed with <paramref name="serviceName"/> so every service gets its own copy of an event.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        var connectionString = builder.Configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("ConnectionStrings:messaging (amqp://user:password@host:port/vhost) is not configured.");

        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<OutboxRelay<TDbContext>>(services, new OutboxName(serviceName)));

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configureConsumers?.Invoke(bus);

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var settings = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                rabbit.Host(new Uri(connectionString));
                rabbit.PrefetchCount = settings.PrefetchCount;
                rabbit.ConcurrentMessageLimit = settings.ConcurrentMessageLimit;

                // First-level retries in the consumer; a message that still fails lands in its
                // queue's _error queue (MassTransit's default) for an operator to inspect and move back.
                rabbit.UseMessageRetry(retry => retry.Exponential(
                    retryLimit: settings.ConsumerRetryLimit,
                    minInterval: TimeSpan.FromMilliseconds(100),
                    maxInterval: settings.ConsumerRetryMaxInterval,
                    intervalDelta: TimeSpan.FromMilliseconds(300)));

                rabbit.ConfigureEndpoints(context);
            });
        });

        // The service must start and answer its own requests while the broker is down.
        builder.Services.Configure<MassTransitHostOptions>(host => host.WaitUntilStarted = false);

        // The broker in /health: a channel opened (and closed) on the one connection kept for the probes,
        // bounded by short timeouts. MassTransit's own check ("masstransit-bus", which AddMassTransit
        // registers) stays beside it, because it answers another question: whether this service's bus is
        // connected and its receive endpoints are consuming. It reads the bus's state (no I/O, never
        // slow), and it is the one that stays Unhealthy while the bus is still starting or reconnecting
        // after the broker came back, when the broker alone would already look fine.
        builder.Services.TryAddSingleton(_ => new BrokerHealthConnection(new Uri(connectionString), serviceName));
        builder.Services.AddHealthChecks().AddRabbitMQ(
            services => services.GetRequiredService<BrokerHealthConnection>().GetAsync(),
            name: DependencyHealthChecks.BrokerCheckName,
            tags: [DependencyHealthChecks.ReadyTag],
            timeout: DependencyHealthChecks.Timeout);
        return builder;
    }
}
