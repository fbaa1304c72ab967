using MassTransit;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// A bus of the test's own on the system's virtual host, with a queue bound to one event type: it
/// sees what a real consumer would receive from the broker. It handles one message at a time, in the
/// order the queue delivers them, so once a message is in <see cref="Received"/> every message the
/// broker queued before it is too: a later event is a marker that nothing earlier is still on its way.
/// </summary>
public sealed class EventProbe<TEvent> : IAsyncDisposable
    where TEvent : class
{
    private readonly IBusControl _bus;

    private EventProbe(IBusControl bus) => _bus = bus;

    /// <summary>The events in the order they arrived.</summary>
    public ConcurrentQueue<TEvent> Received { get; } = new();

#pragma warning disable CA1000 // A factory on the generic type reads best at the call site: EventProbe<BookingConfirmed>.StartAsync(uri).
    public static async Task<EventProbe<TEvent>> StartAsync(string messagingUri)
#pragma warning restore CA1000
    {
        EventProbe<TEvent>? probe = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(messagingUri));
            rabbit.ReceiveEndpoint($"probe-{typeof(TEvent).Name}-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.PrefetchCount = 32;
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<TEvent>(context =>
                {
                    probe!.Received.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
        probe = new EventProbe<TEvent>(bus);
        await bus.StartAsync(TestContext.Current.CancellationToken);
        return probe;
    }

    /// <summary>Publishes through the probe's own bus (a marker, or an event as another service would send it).</summary>
    public Task PublishAsync<TMessage>(TMessage message)
        where TMessage : class => _bus.Publish(message, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => new(_bus.StopAsync());
}
