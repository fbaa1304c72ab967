using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivicHall.Messaging.Inbox;

/// <summary>One <see cref="InboxBatcher{TMessage}"/> per inbox consumer type, for the life of the process.</summary>
public sealed class InboxBatchers(IServiceScopeFactory scopeFactory, IOptions<MessagingOptions> options, ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<Type, object> _batchers = new();

    internal InboxBatcher<TMessage> For<TMessage>(Type consumerType)
        where TMessage : class =>
        (InboxBatcher<TMessage>)_batchers.GetOrAdd(
            consumerType,
            type => new InboxBatcher<TMessage>(type, scopeFactory, options.Value, loggerFactory.CreateLogger(type)));
}
