using System.Net;
using System.Net.Http.Headers;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>
/// 200 listeners on one hall's live feed while movements run at a moderate rate; the delay from sending
/// a movement to a listener's receiving its change frame. Reports "not available" when the feed answers 404.
/// </summary>
/// <remarks><c>--stream-base URL</c> points the listeners at another server of the same contract (a replica, a stand-in).</remarks>
internal static class FanoutPhase
{
    public static async Task<Phase> RunAsync(
        BenchOptions options, Notifications notifications, List<HallFlow> halls, LoadSettings settings, Uri target, string ops)
    {
        var hall = halls[0];
        var path = $"api/v1/halls/{hall.HallId}/occupancy/stream";
        OccupancyBench.Log($"fanout: {options.Listeners} listeners on {target}{path}");
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Listeners + 8,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var streams = new HttpClient(handler)
        {
            BaseAddress = target,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        streams.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ops);
        using var stop = new CancellationTokenSource();
        var listeners = Enumerable.Range(0, options.Listeners).Select(_ => new FeedListener()).ToList();
        var running = new List<Task>();
        foreach (var listener in listeners)
        {
            running.Add(Task.Run(() => listener.RunAsync(streams, path, stop.Token)));
        }

        var statuses = await Task.WhenAll(listeners.Select(l => l.Snapshot.WaitAsync(TimeSpan.FromSeconds(60))));
        var connected = statuses.Count(s => s == HttpStatusCode.OK);
        var cpu = new CpuMeter(options.OccupancyPid, options.GatewayPid, notifications.ProcessId, options.Hz, Database.Of("occupancy"));
        var load = new FloorLoad(halls, settings);
        if (connected == 0)
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
            var answers = string.Join(", ", statuses.Distinct().Select(s => (int)s));
            var error = listeners.Select(l => l.Error).FirstOrDefault(e => e is not null);
            var why = statuses.Any(s => s == HttpStatusCode.NotFound)
                ? $"not available: GET /{path} answered 404 (no live feed on this build)"
                : $"not available: no listener got a snapshot (answers: {answers}; {error})";
            OccupancyBench.Log($"fanout {why}");
            var empty = new Percentiles([]);
            return new Phase(
                "fanout", "fan-out", load, new CpuMeter.Reading(0, 0, 0, 0, 0, 0, 0),
                new FloorCheck.Result(0, 0, 0, 0, 0, 0, 0, 0, 0, []), 0, empty,
                new FanoutResult(why, options.Listeners, 0, null, empty, 0, 0, 0, 0, 0, empty, empty, empty, 0, 0, 0));
        }

        notifications.Target = load;
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        await load.RunAsync(cpu.StartAsync);
        var reading = await cpu.StopAsync();
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        notifications.Target = null;
        var check = await FloorCheck.RunAsync(halls, load.PublishErrors);
        var final = check.Sequences.GetValueOrDefault(hall.HallId);
        var caughtUp = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < caughtUp && listeners.Any(l => l.Error is null && l.SnapshotSequence >= 0 && l.LastSequence < final))
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await Task.WhenAll(running);

        // The movement behind each frame: an admission's change carries its arrived_at, an exit's its exited_at.
        var admittedAt = new Dictionary<long, long>();
        var exitedAt = new Dictionary<long, long>();
        foreach (var (id, key, arrived, exited) in await FloorCheck.MovementsAsync([hall.HallId]))
        {
            if (load.Published.TryGetValue(id, out var published))
            {
                admittedAt.TryAdd(arrived, published);
            }

            if (exited is { } left && load.ExitSent.TryGetValue(key, out var sent))
            {
                exitedAt.TryAdd(left, sent);
            }
        }

        long? SentFor(string change, long atMicros) =>
            (change is "admitted" or "queued" ? admittedAt : change == "exited" ? exitedAt : null) is { } map
                && map.TryGetValue(atMicros, out var sent)
                ? sent : null;
        bool InWindow(long sent) => sent >= load.StartTicks && sent < load.EndTicks;

        var delays = new List<double>();
        var feed = new List<double>();
        var committed = load.Changes.GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.First().ReceivedTicks);
        int matched = 0, unmatched = 0;
        foreach (var listener in listeners.Where(l => l.SnapshotSequence >= 0))
        {
            foreach (var frame in listener.Frames)
            {
                if (committed.TryGetValue(frame.Sequence, out var seen) && seen >= load.StartTicks && seen < load.EndTicks)
                {
                    feed.Add(TimeSpan.FromTicks(frame.ReceivedTicks - seen).TotalMilliseconds);
                }

                if (frame.Change is not ("admitted" or "queued" or "exited"))
                {
                    continue;
                }

                if (frame.AtMicros < 0 || SentFor(frame.Change, frame.AtMicros) is not { } sent)
                {
                    unmatched++;
                    continue;
                }

                matched++;
                if (InWindow(sent))
                {
                    delays.Add(TimeSpan.FromTicks(frame.ReceivedTicks - sent).TotalMilliseconds);
                }
            }
        }

        var counted = load.Changes
            .Where(c => c.Change is "admitted" or "queued" or "exited")
            .Select(c => (c, sent: SentFor(c.Change, c.AtMicros)))
            .Where(x => x.sent is { } s && InWindow(s))
            .Select(x => TimeSpan.FromTicks(x.c.ReceivedTicks - x.sent!.Value).TotalMilliseconds);

        var live = listeners.Where(l => l.SnapshotSequence >= 0).ToList();
        var expected = live.Select(l => final - l.SnapshotSequence).ToList();
        var received = live.Select(l => (long)l.Frames.Count).Order().ToList();
        var missing = live.Sum(l => Math.Max(
            0, final - l.SnapshotSequence - l.Frames.Select(f => f.Sequence).Distinct().Count(s => s > l.SnapshotSequence && s <= final)));
        var dropped = live.Count(l => l.Error is not null);
        var refused = statuses.Where(s => s != HttpStatusCode.OK).Select(s => (int)s).Distinct().ToList();
        var result = new FanoutResult(
            null, options.Listeners, connected, refused.Count > 0 ? string.Join(", ", refused) : null,
            new Percentiles(live.Select(l => l.TimeToSnapshot.TotalMilliseconds)), expected.Min(), expected.Max(),
            received[0], received[received.Count / 2], missing, new Percentiles(delays), new Percentiles(counted), new Percentiles(feed),
            matched, unmatched, dropped, paused, collections);
        var admissions = await MovementsPhase.AdmissionLatenciesAsync(load);
        return new Phase("fanout", "fan-out (one hall)", load, reading, check, settings.Duration.TotalSeconds, admissions, result);
    }
}
