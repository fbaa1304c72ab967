using System.Collections.Concurrent;
using MassTransit;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// A bus of the test's own on the system's virtual host, with a queue bound to one event type: it
/// sees what a real consumer would receive from the broker.
/// </summary>
public sealed class EventProbe<TEvent> : IAsyncDisposable
    where TEvent : class
{
    private readonly IBusControl _bus;

    private EventProbe(IBusControl bus) => _bus = bus;

    public ConcurrentBag<TEvent> Received { get; } = [];

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
                endpoint.Handler<TEvent>(context =>
                {
                    probe!.Received.Add(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
        probe = new EventProbe<TEvent>(bus);
        await bus.StartAsync(TestContext.Current.CancellationToken);
        return probe;
    }

    public ValueTask DisposeAsync() => new(_bus.StopAsync());
}
