using CivicHall.Contracts.Halls.V1;
using CivicHall.IntegrationTests.Infrastructure;
using CivicHall.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivicHall.IntegrationTests.Messaging;

/// <summary>The inbox: a message's effect happens once per message id, whatever the broker does.</summary>
public sealed class InboxTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private string _database = null!;
    private string _vhost = null!;
    private TallyHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _database = infrastructure.NewDatabase("inbox");
        _vhost = await infrastructure.NewVirtualHostAsync("inbox");
        _host = await TallyHost.StartAsync(_database, _vhost);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await infrastructure.DropDatabaseAsync(_database);
        await infrastructure.DeleteVirtualHostAsync(_vhost);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_has_its_effect_once()
    {
        var id = Guid.NewGuid();
        await PublishAsync(Event("twice"), id);
        await WaitForInboxAsync(1);
        await PublishAsync(Event("twice"), id);
        await PublishAsync(Event("twice", version: 2), Guid.NewGuid());
        await WaitForInboxAsync(2);

        var tallies = await QueryAsync(db => db.Tallies.Where(t => t.HallId == "twice").OrderBy(t => t.Version).Select(t => t.Version).ToListAsync());
        Assert.Equal([1L, 2L], tallies);
    }

    [Fact]
    public async Task Concurrent_redeliveries_of_one_message_have_their_effect_once()
    {
        var id = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PublishAsync(Event("burst"), id)));
        await PublishAsync(Event("burst-marker"), Guid.NewGuid());
        await WaitForInboxAsync(2);
        await Task.Delay(500, TestContext.Current.CancellationToken); // let any straggling duplicate finish

        Assert.Equal(1, await QueryAsync(db => db.Tallies.CountAsync(t => t.HallId == "burst")));
    }

    [Fact]
    public async Task An_effect_that_fails_is_rolled_back_with_its_inbox_id_and_applied_once_on_retry()
    {
        _host.Failures.FailNext("flaky", times: 2);
        await PublishAsync(Event("flaky"), Guid.NewGuid());

        await Eventually.UntilAsync(() => QueryAsync(db => db.Tallies.CountAsync(t => t.HallId == "flaky")), n => n >= 1);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(1, await QueryAsync(db => db.Tallies.CountAsync(t => t.HallId == "flaky")));
    }

    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_error_queue_alone_and_its_group_neighbours_are_applied()
    {
        // A service of its own with one applier, held by a first message so that the ten behind it
        // are applied as one group.
        var database = infrastructure.NewDatabase("inbox-poison");
        var vhost = await infrastructure.NewVirtualHostAsync("inbox-poison");
        await using var host = await TallyHost.StartAsync(database, vhost, settings: new Dictionary<string, string?>
        {
            ["Messaging:InboxBatchConcurrency"] = "1",
        });
        using var splits = new MeasurementRecorder("civichall.inbox.groups_split");
        host.Failures.Hold("gate", TimeSpan.FromSeconds(1));
        host.Failures.FailNext("poison", times: int.MaxValue);
        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(Event("gate"), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        var neighbours = Enumerable.Range(0, 9).Select(i => Event($"neighbour-{i}")).ToList();
        foreach (var message in neighbours.Take(4).Append(Event("poison")).Concat(neighbours.Skip(4)))
        {
            await bus.Publish(message, TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(() => Task.FromResult(host.Faults.HallIds.Count), n => n >= 1, TimeSpan.FromSeconds(60));
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.True(splits.Total >= 1, "the group with the poison message failed and was split");
        Assert.Equal(["poison"], host.Faults.HallIds);
        var applied = await QueryAsync(db => db.Tallies.Select(t => t.HallId).OrderBy(h => h).ToListAsync(), host);
        Assert.Equal(neighbours.Select(e => e.HallId).Append("gate").Order(), applied);
        Assert.Equal(10, await QueryAsync(db => db.Set<InboxMessage>().CountAsync(), host));

        await host.DisposeAsync();
        await infrastructure.DropDatabaseAsync(database);
        await infrastructure.DeleteVirtualHostAsync(vhost);
    }

    private static HallConfigured Event(string hallId, long version = 1) =>
        new(hallId, version, "hall", "district", "Asia/Shanghai", OnSiteStates.Open, [], [], [], DateTimeOffset.UtcNow);

    private Task PublishAsync(HallConfigured message, Guid messageId) =>
        _host.Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

    private Task<int> WaitForInboxAsync(int count) =>
        Eventually.UntilAsync(() => QueryAsync(db => db.Set<InboxMessage>().CountAsync()), n => n >= count);

    private async Task<T> QueryAsync<T>(Func<TallyDbContext, Task<T>> query, TallyHost? host = null)
    {
        await using var scope = (host ?? _host).Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TallyDbContext>());
    }
}
