using CivicHall.Contracts.Halls.V1;
using CivicHall.HallDirectory;
using CivicHall.IntegrationTests.Halls;
using CivicHall.Messaging.Inbox;
using CivicHall.Messaging.Outbox;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Halls;

namespace CivicHall.IntegrationTests.Resilience;

/// <summary>
/// RabbitMQ goes away for more than ten seconds while ops keep changing halls. Occupancy keeps
/// answering; its outbox keeps every change; after the broker returns every HallConfigured is
/// applied by each of the four consumers exactly once — counted by its effects. Runs on a broker of its own.
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
        foreach (var consumer in CivicHallSystem.HallConsumers)
        {
            await CountApplicationsAsync(consumer);
        }

        using var ops = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var accepted = 0;
        var acceptedWhileDown = 0;
        var brokerDown = false;
        // One count across the three phases: every PUT changes its hall, so every accepted PUT is an event
        // (an unchanged layout publishes none; a count per phase repeated the last values whenever a phase
        // got through only one round, on a busy machine, and five accepted changes had no event).
        var round = 0;

        async Task ChangeHallsAsync(TimeSpan duration)
        {
            var until = DateTime.UtcNow + duration;
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
        Task<int> PendingAsync() => _system.QueryAsync<OccupancyDbContext, int>(
            CivicHallSystem.Occupancy, db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType == hallConfigured && m.PublishedAt == null, ct));
        await Eventually.UntilAsync(PendingAsync, pending => pending == 0, TimeSpan.FromSeconds(60), "the relay should publish the backlog once the broker is back");

        // A marker: one more change, published by a later relay pass than the whole backlog, so each
        // consumer's queue holds it behind every delivery of the backlog, redeliveries included. Once a
        // consumer applied it and its bus has no delivery under way, nothing of the backlog is still coming.
        (await ops.PutAsJsonAsync("/api/v1/halls/outage-marker", HallRequests.Qingpu(), ct)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(PendingAsync, pending => pending == 0, TimeSpan.FromSeconds(30), "the marker should be published");
        var events = await _system.QueryAsync<OccupancyDbContext, List<string>>(
            CivicHallSystem.Occupancy, db => db.Set<OutboxMessage>().Where(m => m.MessageType == hallConfigured).Select(m => m.Payload).ToListAsync(ct));
        Assert.Equal(accepted + 1, events.Count);
        var eventsPerHall = events.GroupBy(p => JsonDocument.Parse(p).RootElement.GetProperty("hallId").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        var finalVersions = await _system.QueryAsync<OccupancyDbContext, Dictionary<string, long>>(
            CivicHallSystem.Occupancy, db => db.Halls.ToDictionaryAsync(h => h.Id, h => h.Version, ct));

        foreach (var consumer in CivicHallSystem.HallConsumers)
        {
            await Eventually.UntilAsync(
                () => _system.QueryConsumerAsync(consumer, db => db.Set<KnownHall>().AnyAsync(h => h.HallId == "outage-marker", ct)),
                known => known,
                TimeSpan.FromSeconds(60),
                $"{consumer} should apply the backlog and the marker");
            await _system.Deliveries(consumer).UntilIdleAsync();

            // Effects, not inbox rows: the inbox table has one row per message id and could never show a
            // message applied twice. Each application of a HallConfigured runs the consumer's upsert of
            // known_halls once, in the transaction that records its inbox id; the trigger this test put
            // on that table counts the applications that committed.
            var applied = await AppliedPerHallAsync(consumer);
            Assert.Equal(eventsPerHall.OrderBy(e => e.Key, StringComparer.Ordinal), applied.OrderBy(e => e.Key, StringComparer.Ordinal));
            // The hall directory's inbox rows only: sanitation's inbox also holds occupancy's OccupancyChanged.
            Assert.Equal(events.Count, await _system.QueryConsumerAsync(consumer, db => db.Set<InboxMessage>().CountAsync(m => m.Consumer == "hall-directory.hall-configured", ct)));
            var known = await _system.QueryConsumerAsync(consumer, db => db.Set<KnownHall>().ToDictionaryAsync(h => h.HallId, h => h.Version, ct));
            Assert.Equal(finalVersions, known);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{accepted} hall changes ({acceptedWhileDown} while the broker was down); {events.Count} events applied once by each of 4 consumers.");
    }

    /// <summary>Counts, in a consumer's own database, every committed run of its known_halls upsert (a trigger of the test's own).</summary>
    private Task<int> CountApplicationsAsync(string consumer) =>
        _system.QueryConsumerAsync(consumer, db => db.Database.ExecuteSqlRawAsync("""
            CREATE TABLE test_hall_applications (id bigserial PRIMARY KEY, hall_id text NOT NULL);
            CREATE FUNCTION test_count_hall_application() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO test_hall_applications (hall_id) VALUES (NEW.hall_id);
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_count_hall_application BEFORE INSERT ON known_halls
                FOR EACH ROW EXECUTE FUNCTION test_count_hall_application();
            """, TestContext.Current.CancellationToken));

    private Task<Dictionary<string, int>> AppliedPerHallAsync(string consumer) =>
        _system.QueryConsumerAsync(consumer, async db =>
            (await db.Database.SqlQuery<string>($"SELECT hall_id AS \"Value\" FROM test_hall_applications").ToListAsync(TestContext.Current.CancellationToken))
                .GroupBy(h => h, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
}
