using System.Net;
using System.Net.Http.Json;
using CivicHall.Contracts.Halls.V1;
using CivicHall.HallDirectory;
using CivicHall.IntegrationTests.Halls;
using CivicHall.IntegrationTests.Infrastructure;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Halls;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.IntegrationTests.Resilience;

/// <summary>
/// RabbitMQ goes away for more than ten seconds while ops keep changing halls. Occupancy keeps
/// answering; its outbox keeps every change; after the broker returns every HallConfigured is
/// applied by each of the four consumers exactly once. Runs on a broker of its own.
/// </summary>
public sealed class BrokerOutageTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly string[] HallIds = ["outage-a", "outage-b", "outage-c", "outage-d", "outage-e"];
    private IsolatedBroker _broker = null!;
    private CivicHallSystem _system = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await IsolatedBroker.StartNewAsync(infrastructure);
        try
        {
            _system = await CivicHallSystem.StartAsync(
                infrastructure,
                messagingUri: _broker.AmqpUri,
                extraSettings: new Dictionary<string, string?> { ["Messaging:MaxRetryDelay"] = "00:00:02" });
        }
        catch
        {
            // The node of this test's own must not outlive a start that failed.
            await _broker.DisposeAsync();
            _broker = null!;
            throw;
        }
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system, _broker);

    [Fact]
    public async Task Every_hall_change_made_while_the_broker_was_down_is_applied_once_by_every_consumer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var accepted = 0;
        var acceptedWhileDown = 0;
        var brokerDown = false;

        async Task ChangeHallsAsync(TimeSpan duration)
        {
            var until = DateTime.UtcNow + duration;
            var round = 0;
            while (DateTime.UtcNow < until)
            {
                round++;
                foreach (var hallId in HallIds)
                {
                    var response = await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", HallRequests.Qingpu(serviceFloorArea: 1000m + round), ct);
                    Assert.True(response.IsSuccessStatusCode, $"PUT {hallId} answered {(int)response.StatusCode}");
                    accepted++;
                    if (brokerDown)
                    {
                        acceptedWhileDown++;
                    }
                }

                await Task.Delay(100, ct);
            }
        }

        await ChangeHallsAsync(TimeSpan.FromSeconds(2));
        await _broker.StopAsync();
        brokerDown = true;
        var downSince = DateTime.UtcNow;
        await ChangeHallsAsync(TimeSpan.FromSeconds(11));
        Assert.True(DateTime.UtcNow - downSince >= TimeSpan.FromSeconds(10));
        brokerDown = false;
        await _broker.StartAsync();
        await ChangeHallsAsync(TimeSpan.FromSeconds(2));

        Assert.True(acceptedWhileDown > 20, $"only {acceptedWhileDown} changes were made while the broker was down");
        // Only the hall changes: occupancy also announces its (throttled) OccupancyChanged through the same outbox.
        var hallConfigured = typeof(HallConfigured).FullName;
        var events = await _system.QueryAsync<OccupancyDbContext, int>(
            CivicHallSystem.Occupancy, db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType == hallConfigured, ct));
        Assert.Equal(accepted, events);
        var finalVersions = await _system.QueryAsync<OccupancyDbContext, Dictionary<string, long>>(
            CivicHallSystem.Occupancy, db => db.Halls.ToDictionaryAsync(h => h.Id, h => h.Version, ct));

        await Eventually.UntilAsync(
            () => _system.QueryAsync<OccupancyDbContext, int>(CivicHallSystem.Occupancy, db => db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt == null, ct)),
            pending => pending == 0,
            TimeSpan.FromSeconds(60),
            "the relay should publish the backlog once the broker is back");

        foreach (var consumer in CivicHallSystem.HallConsumers)
        {
            var applied = await Eventually.UntilAsync(
                () => _system.QueryConsumerAsync(consumer, db => db.Set<InboxMessage>().CountAsync(ct)),
                n => n >= events,
                TimeSpan.FromSeconds(60),
                $"{consumer} should apply all {events} events");
            Assert.Equal(events, applied);

            var known = await _system.QueryConsumerAsync(consumer, db => db.Set<KnownHall>().ToDictionaryAsync(h => h.HallId, h => h.Version, ct));
            Assert.Equal(finalVersions, known);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{accepted} hall changes ({acceptedWhileDown} while the broker was down); {events} events applied once by each of 4 consumers.");

        // Settle, then check no consumer applied anything twice (the inbox key would refuse it,
        // so a second application would show as more rows than events).
        await Task.Delay(1000, ct);
        foreach (var consumer in CivicHallSystem.HallConsumers)
        {
            Assert.Equal(events, await _system.QueryConsumerAsync(consumer, db => db.Set<InboxMessage>().CountAsync(ct)));
        }
    }
}
