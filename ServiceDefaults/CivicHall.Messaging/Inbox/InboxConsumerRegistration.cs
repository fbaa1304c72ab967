using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CivicHall.Messaging.Inbox;

public static class InboxConsumerRegistration
{
    /// <summary>
    /// Registers an <see cref="InboxConsumer{TMessage, TDbContext}"/> and the group commit behind it.
    /// Its endpoint lets <see cref="MessagingOptions.InboxConcurrentMessageLimit"/> deliveries wait
    /// at once, so groups can form; only <see cref="MessagingOptions.InboxBatchConcurrency"/> of
    /// them hold a database connection.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddInboxConsumer<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.TryAddSingleton<InboxBatchers>();
        return bus.AddConsumer<TConsumer, InboxConsumerDefinition<TConsumer>>();
    }
}

/// <summary>Endpoint limits for an inbox consumer, from the "Messaging" settings.</summary>
public sealed class InboxConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly MessagingOptions _options;

    public InboxConsumerDefinition(IOptions<MessagingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        ConcurrentMessageLimit = _options.InboxConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.ConcurrentMessageLimit = _options.InboxConcurrentMessageLimit;
        endpointConfigurator.PrefetchCount = Math.Max(_options.PrefetchCount, _options.InboxConcurrentMessageLimit);
    }
}
