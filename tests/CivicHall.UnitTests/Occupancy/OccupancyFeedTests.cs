using System.Text;
using System.Text.Json;
using CivicHall.Occupancy.Live;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CivicHall.UnitTests.Occupancy;

/// <summary>The live feed's fan-out, without a database: notifications as PostgreSQL sends them, handed to <c>Dispatch</c>.</summary>
public sealed class OccupancyFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_subscriber_that_falls_a_full_queue_behind_is_dropped_while_the_others_get_every_change_of_their_hall_only()
    {
        using var feed = Feed(buffer: 3);
        feed.SetListening();
        using var slow = (await feed.SubscribeAsync("a", Ct))!;
        using var reading = (await feed.SubscribeAsync("a", Ct))!;
        using var elsewhere = (await feed.SubscribeAsync("b", Ct))!;

        var received = new List<long>();
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            feed.Dispatch(Payload("a", sequence, inside: sequence));
            while (reading.Changes.TryRead(out var frame))
            {
                received.Add(frame.Sequence);
            }
        }

        Assert.Equal([1, 2, 3, 4, 5], received);
        Assert.Null(reading.EndReason);
        Assert.Equal(SubscriptionEndReasons.Lagging, slow.EndReason);
        Assert.False(elsewhere.Changes.TryRead(out _));
        Assert.Null(elsewhere.EndReason);
    }

    [Fact]
    public async Task A_change_is_one_event_with_its_sequence_as_id_and_one_line_of_camel_case_json()
    {
        using var feed = Feed();
        feed.SetListening();
        using var subscription = (await feed.SubscribeAsync("a", Ct))!;

        feed.Dispatch(Payload("a", 42, inside: 7));

        Assert.True(subscription.Changes.TryRead(out var frame));
        var text = Encoding.UTF8.GetString(frame.Bytes.Span);
        Assert.StartsWith("id: 42\nevent: change\ndata: {", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n\n", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Count(c => c == '\n'));
        var data = JsonDocument.Parse(text["id: 42\nevent: change\ndata: ".Length..]).RootElement;
        Assert.Equal((42, 7, "floor-1"), (data.GetProperty("sequence").GetInt64(), data.GetProperty("inside").GetInt32(),
            data.GetProperty("zones")[0].GetProperty("zoneId").GetString()));
    }

    [Fact]
    public async Task An_unreadable_notification_is_skipped_and_the_next_still_arrives()
    {
        using var feed = Feed();
        feed.SetListening();
        using var subscription = (await feed.SubscribeAsync("a", Ct))!;

        feed.Dispatch("not json");
        feed.Dispatch("""{"sequence": 1}""");
        feed.Dispatch(Payload("a", 1, inside: 1));

        Assert.True(subscription.Changes.TryRead(out var frame));
        Assert.Equal(1, frame.Sequence);
        Assert.False(subscription.Changes.TryRead(out _));
    }

    [Fact]
    public async Task Until_the_feed_listens_a_subscription_waits_and_then_is_refused()
    {
        using var feed = Feed(subscribeTimeout: TimeSpan.FromMilliseconds(200));
        Assert.Null(await feed.SubscribeAsync("a", Ct));

        var waiting = feed.SubscribeAsync("a", Ct);
        feed.SetListening();
        using var subscription = await waiting;
        Assert.NotNull(subscription);
    }

    [Fact]
    public async Task Stopping_the_service_ends_every_subscription_and_refuses_new_ones()
    {
        using var lifetime = new Lifetime();
        using var feed = Feed(lifetime: lifetime);
        feed.SetListening();
        using var subscription = (await feed.SubscribeAsync("a", Ct))!;

        lifetime.Stop();

        Assert.Equal(SubscriptionEndReasons.ShuttingDown, subscription.EndReason);
        Assert.True(subscription.Changes.Completion.IsCompleted);
        Assert.Null(await feed.SubscribeAsync("a", Ct));
    }

    private static readonly Lifetime Running = new();

    private static OccupancyFeed Feed(int buffer = 16, TimeSpan? subscribeTimeout = null, Lifetime? lifetime = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:occupancy"] = "Host=localhost;Database=occupancy" })
            .Build();
        var options = new OccupancyFeedOptions { SubscriberBuffer = buffer, SubscribeTimeout = subscribeTimeout ?? TimeSpan.FromSeconds(5) };
        return new OccupancyFeed(
            configuration, Options.Create(new JsonOptions()), Options.Create(options), lifetime ?? Running, TimeProvider.System,
            NullLogger<OccupancyFeed>.Instance);
    }

    /// <summary>As <c>occupancy_changed</c> sends it: json_build_object's spacing, and a line break between zones as older json_agg wrote.</summary>
    private static string Payload(string hallId, long sequence, int inside) =>
        $$"""
        {"hallId" : "{{hallId}}", "sequence" : {{sequence}}, "change" : "admitted", "at" : "2026-11-23T09:15:00.123456+08:00",
         "inside" : {{inside}}, "capacity" : 150, "queueLength" : 0, "staffPresent" : 0, "receivedToday" : {{inside}}, "dailyQuota" : null,
         "onSiteState" : "open", "zones" : [{"zoneId" : "floor-1", "kind" : "service_floor", "count" : {{inside}}, "capacity" : 150, "state" : "open"},
         {"zoneId" : "queue", "kind" : "entrance_queue", "count" : 0, "capacity" : 22, "state" : "open"}]}
        """;

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Stop() => StopApplication();

        public void Dispose() => _stopping.Dispose();
    }
}
