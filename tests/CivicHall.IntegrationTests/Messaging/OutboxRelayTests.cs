using System.Reflection;
using CivicHall.Contracts.Halls.V1;
using CivicHall.IntegrationTests.Booking;
using CivicHall.Messaging;
using CivicHall.Messaging.Outbox;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Messaging;

/// <summary>The relay: every committed row published, none twice, also with two replicas at once.</summary>
public sealed class OutboxRelayTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private string? _database;
    private string? _vhost;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = infrastructure.NewDatabase("relay");
        _vhost = await infrastructure.NewVirtualHostAsync("relay");
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await infrastructure.DropDatabaseAsync(_database);
        }

        if (_vhost is not null)
        {
            await infrastructure.DeleteVirtualHostAsync(_vhost);
        }
    }

    [Fact]
    public async Task Two_replicas_relaying_one_outbox_publish_every_row_exactly_once()
    {
        // The probe's queue is bound before any row is written: it receives every publish, duplicates included.
        await using var probe = await EventProbe<HallConfigured>.StartAsync(_vhost!);
        const int rows = 2000;
        var written = new List<Guid>();
        var replicaA = await TallyHost.StartAsync(_database!, _vhost!, TallyConsumers.None);
        try
        {
            await using var replicaB = await TallyHost.StartAsync(_database!, _vhost!, TallyConsumers.None);

            // Both replicas write (so both relays are woken), in many small transactions.
            await Task.WhenAll(WriteAsync(replicaA, 0, rows / 2, written), WriteAsync(replicaB, rows / 2, rows / 2, written));
            await Eventually.UntilAsync(() => PendingAsync(replicaA), pending => pending == 0, TimeSpan.FromSeconds(60), "both relays should publish every row");
        }
        finally
        {
            await replicaA.DisposeAsync();
        }

        // Both relays have stopped: whatever they published, duplicates included, is queued for the probe.
        // A marker published now is queued behind all of it, and the probe takes messages in queue order,
        // so once the marker is in, nothing the relays sent is still on its way.
        await probe.PublishAsync(Event("marker"));
        await Eventually.UntilAsync(() => Task.FromResult(probe.Received.Any(e => e.HallId == "marker")), seen => seen, because: "the marker should follow the relayed rows");

        var delivered = probe.Received.Select(e => e.HallId).Where(h => h != "marker").ToList();
        Assert.Equal(rows, delivered.Count);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => $"h{i}").Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
        Assert.Equal(rows, written.Count);
    }

    [Fact]
    public async Task A_commit_wakes_the_relay_itself_so_a_row_never_waits_for_the_polling_period()
    {
        // The relay polls only once an hour here: a row is published within the test only if the
        // commit that wrote it woke the relay. (How fast is measured by scripts/bench-events.)
        await using var host = await TallyHost.StartAsync(_database!, _vhost!, TallyConsumers.DeliveryLog, new Dictionary<string, string?>
        {
            ["Messaging:RelayPollInterval"] = "01:00:00",
        });
        for (var i = 1; i <= 5; i++)
        {
            await WriteAsync(host, i, 1, []);
            await Eventually.UntilAsync(
                () => Task.FromResult(host.Deliveries.MessageIds.Count), n => n == i, TimeSpan.FromSeconds(30), $"row {i} should be published on its commit's signal");
        }

        Assert.Equal(0, await PendingAsync(host));
    }

    [Fact]
    public async Task A_row_that_cannot_be_published_stays_pending_with_back_off_and_does_not_hold_back_the_rest()
    {
        await using var host = await TallyHost.StartAsync(_database!, _vhost!, TallyConsumers.DeliveryLog);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // An event type this build does not know, as a newer version could write during a rolling deployment.
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO outbox_messages (id, message_type, payload, occurred_at, created_at, attempts, next_attempt_at)
                VALUES (gen_random_uuid(), 'CivicHall.Contracts.Future.V9.SomethingHappened', '{{}}', now(), now(), 0, now())
                """, Ct);
        }

        await WriteAsync(host, 0, 3, []);
        await Eventually.UntilAsync(() => Task.FromResult(host.Deliveries.MessageIds.Count), n => n == 3);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            var stuck = await Eventually.UntilAsync(
                () => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.MessageType.Contains("Future"), Ct),
                m => m.Attempts >= 1);
            Assert.Null(stuck.PublishedAt);
            Assert.Contains("Unknown integration event type", stuck.LastError, StringComparison.Ordinal);
            Assert.True(stuck.NextAttemptAt > stuck.CreatedAt, "a failed row is retried later, not at once");
            Assert.Equal(3, await db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt != null, Ct));
        }
    }

    [Fact]
    public async Task A_publish_that_never_completes_is_given_up_after_the_timeout_and_its_row_put_back_for_a_retry()
    {
        await using var host = await TallyHost.StartAsync(_database!, _vhost!, TallyConsumers.None);
        Guid id;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // Due only on the test relay's clock, an hour ahead: the host's own relay leaves it alone.
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            var message = db.AddIntegrationEvent(Event("hang"), TimeProvider.System);
            message.NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1);
            await db.SaveChangesAsync(Ct);
            id = message.Id;
        }

        // A bus whose publish never completes and ignores its token, as one did whose confirmation was pending when
        // the broker shut the connection: the relay must give up on it after PublishTimeout, not wait for good.
        var bus = DispatchProxy.Create<IBus, HangingBus>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2));
        var relay = new OutboxRelay<TallyDbContext>(
            new OutboxName("tally"), host.Services.GetRequiredService<IServiceScopeFactory>(), bus, new OutboxSignal(),
            Options.Create(new MessagingOptions { PublishTimeout = TimeSpan.FromSeconds(1) }), clock, NullLogger<OutboxRelay<TallyDbContext>>.Instance);

        Assert.Equal(1, await relay.RelayBatchAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<TallyDbContext>().Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id, Ct);
            Assert.Equal((null, 1), (row.PublishedAt, row.Attempts));
            Assert.True(row.NextAttemptAt > clock.GetUtcNow(), "the row is retried later");
        }
    }

    private static HallConfigured Event(string hallId) =>
        new(hallId, 1, "hall", "district", "Asia/Shanghai", OnSiteStates.Open, [], [], [], DateTimeOffset.UtcNow);

    private static async Task<int> PendingAsync(TallyHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
        return await db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt == null, Ct);
    }

    private static async Task WriteAsync(TallyHost host, int first, int count, List<Guid> written)
    {
        for (var i = first; i < first + count; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
            db.Tallies.Add(new Tally { HallId = $"h{i}", Version = 1 });
            var message = db.AddIntegrationEvent(Event($"h{i}"), TimeProvider.System);
            await db.SaveChangesAsync();
            lock (written)
            {
                written.Add(message.Id);
            }
        }
    }
}

/// <summary>An <see cref="IBus"/> whose every asynchronous call (a publish) never completes and ignores its token.</summary>
#pragma warning disable CA1852 // DispatchProxy derives from it.
public class HangingBus : DispatchProxy
#pragma warning restore CA1852
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.ReturnType == typeof(Task) ? new TaskCompletionSource().Task : throw new NotSupportedException(targetMethod?.Name);
}
