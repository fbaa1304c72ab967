using CivicHall.Contracts.Halls.V1;
using CivicHall.Messaging.Inbox;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CivicHall.IntegrationTests.Messaging;

/// <summary>
/// The inbox: a message's effect happens once per message id, whatever the broker does. Each check
/// waits until the host's bus has finished every delivery the test sent (consumed, retries included),
/// so a duplicate effect cannot still be on its way when the effects are counted.
/// </summary>
public sealed class InboxTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private string? _database;
    private string? _vhost;
    private TallyHost? _host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TallyHost Host => _host!;

    public async ValueTask InitializeAsync()
    {
        _database = infrastructure.NewDatabase("inbox");
        _vhost = await infrastructure.NewVirtualHostAsync("inbox");
        _host = await TallyHost.StartAsync(_database, _vhost);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

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
    public async Task The_same_message_delivered_twice_has_its_effect_once()
    {
        var id = Guid.NewGuid();
        var before = Host.Tracker.Consumed<HallConfigured>();
        await PublishAsync(Event("twice"), id);
        await PublishAsync(Event("twice"), id);
        await PublishAsync(Event("twice", version: 2), Guid.NewGuid());
        await Host.Tracker.UntilConsumedAndIdleAsync<HallConfigured>(before, 3, because: "all three deliveries should be finished");

        var tallies = await QueryAsync(db => db.Tallies.Where(t => t.HallId == "twice").OrderBy(t => t.Version).Select(t => t.Version).ToListAsync());
        Assert.Equal([1L, 2L], tallies);
        Assert.Equal(2, await QueryAsync(db => db.Set<InboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task Concurrent_redeliveries_of_one_message_have_their_effect_once()
    {
        var id = Guid.NewGuid();
        var before = Host.Tracker.Consumed<HallConfigured>();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PublishAsync(Event("burst"), id)));
        await Host.Tracker.UntilConsumedAndIdleAsync<HallConfigured>(before, 20, because: "every one of the 20 deliveries should be finished");

        Assert.Equal(1, await QueryAsync(db => db.Tallies.CountAsync(t => t.HallId == "burst")));
    }

    [Fact]
    public async Task An_effect_that_fails_is_rolled_back_with_its_inbox_id_and_applied_once_on_retry()
    {
        Host.Failures.FailNext("flaky", times: 2);
        var before = Host.Tracker.Consumed<HallConfigured>();
        await PublishAsync(Event("flaky"), Guid.NewGuid());

        // Consumed once = the third attempt succeeded; the two failed ones were rolled back.
        await Host.Tracker.UntilConsumedAndIdleAsync<HallConfigured>(before, 1, because: "the delivery should succeed on its third attempt");
        Assert.Equal(1, await QueryAsync(db => db.Tallies.CountAsync(t => t.HallId == "flaky")));
        Assert.Equal(1, await QueryAsync(db => db.Set<InboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_error_queue_alone_and_its_group_neighbours_are_applied()
    {
        // A service of its own with one applier, held by a first message so that the ten behind it
        // are applied as one group.
        var database = infrastructure.NewDatabase("inbox-poison");
        var vhost = await infrastructure.NewVirtualHostAsync("inbox-poison");
        try
        {
            await using var host = await TallyHost.StartAsync(database, vhost, settings: new Dictionary<string, string?>
            {
                ["Messaging:InboxBatchConcurrency"] = "1",
            });
            var held = host.Failures.Hold("gate");
            host.Failures.FailNext("poison", times: int.MaxValue);
            var bus = host.Services.GetRequiredService<IBus>();
            await bus.Publish(Event("gate"), Ct);
            await held.WaitAsync(TimeSpan.FromSeconds(30), Ct); // the one applier is busy with the gate

            var neighbours = Enumerable.Range(0, 9).Select(i => Event($"neighbour-{i}")).ToList();
            foreach (var message in neighbours.Take(4).Append(Event("poison")).Concat(neighbours.Skip(4)))
            {
                await bus.Publish(message, Ct);
            }

            await Eventually.UntilAsync(() => Task.FromResult(host.Tracker.InFlight), n => n >= 11, because: "the ten should be waiting behind the gate");
            host.Failures.Release("gate");

            // Finished: the gate and the nine neighbours consumed, the poison message faulted (its Fault consumed here too).
            await Eventually.UntilAsync(() => Task.FromResult(host.Tracker.Consumed<HallConfigured>()), n => n >= 10, TimeSpan.FromSeconds(60));
            await Eventually.UntilAsync(() => Task.FromResult(host.Tracker.Consumed<Fault<HallConfigured>>()), n => n >= 1, TimeSpan.FromSeconds(60));
            await host.Tracker.UntilIdleAsync();

            // This host's own log, not a process-wide meter that other classes' hosts move too.
            Assert.Contains(host.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("An inbox group of", StringComparison.Ordinal));
            Assert.Equal(["poison"], host.Faults.HallIds);
            var applied = await QueryAsync(db => db.Tallies.Select(t => t.HallId).OrderBy(h => h).ToListAsync(), host);
            Assert.Equal(neighbours.Select(e => e.HallId).Append("gate").Order(), applied);
            Assert.Equal(10, await QueryAsync(db => db.Set<InboxMessage>().CountAsync(), host));
        }
        finally
        {
            await infrastructure.DropDatabaseAsync(database);
            await infrastructure.DeleteVirtualHostAsync(vhost);
        }
    }

    private static HallConfigured Event(string hallId, long version = 1) =>
        new(hallId, version, "hall", "district", "Asia/Shanghai", OnSiteStates.Open, [], [], [], DateTimeOffset.UtcNow);

    private Task PublishAsync(HallConfigured message, Guid messageId) =>
        Host.Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId, Ct);

    private async Task<T> QueryAsync<T>(Func<TallyDbContext, Task<T>> query, TallyHost? host = null)
    {
        await using var scope = (host ?? Host).Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TallyDbContext>());
    }
}
