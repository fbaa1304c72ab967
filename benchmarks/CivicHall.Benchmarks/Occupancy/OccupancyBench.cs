using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>
/// The load generator of <c>scripts/bench-occupancy</c> (which starts the system and passes the tokens
/// and process ids): people admitted (PersonAdmitted through RabbitMQ, as screening publishes them) and
/// leaving (<c>POST /api/v1/halls/{hallId}/exits</c>) over 50 halls and over one hall, then the live
/// feed's delay to 200 listeners. Writes the report's body (markdown) to <c>--out</c>. Not a test: it
/// measures and reports, and asserts nothing.
/// </summary>
internal static class OccupancyBench
{
    private static readonly string[] AllPhases = ["halls50", "hall1", "fanout"];

    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private sealed record Options(
        string RunId, int Seconds, int Warmup, string[] Phases, int Listeners, int Capacity, int QueueTarget, double Rate, double FanoutRate,
        int ExitConnections, int Publishers, int AdmissionWindow, string Via, string? StreamBase, int OccupancyPid, int GatewayPid, int Hz, string Out);

    private sealed record Phase(
        string Name, string Label, FloorLoad Load, CpuMeter.Reading Cpu, FloorCheck.Result Check, double Seconds, Percentiles Admissions, FanoutResult? Fanout);

    private sealed record FanoutResult(
        string? NotAvailable, int Listeners, int Connected, string? ConnectError, Percentiles ToSnapshot, long ExpectedMin, long ExpectedMax,
        long ReceivedMin, long ReceivedMedian, long Missing, Percentiles Delay, Percentiles Counted, Percentiles Feed, int Matched, int Unmatched, int Dropped,
        TimeSpan GeneratorPauses = default, int GeneratorCollections = 0);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        var ops = Environment.GetEnvironmentVariable("BENCH_OPS_TOKEN") ?? throw new InvalidOperationException("BENCH_OPS_TOKEN is not set.");
        var screener = Environment.GetEnvironmentVariable("BENCH_SCREENER_TOKEN") ?? throw new InvalidOperationException("BENCH_SCREENER_TOKEN is not set.");
        var target = new Uri(options.Via == "gateway" ? "http://localhost:5000/" : "http://localhost:5103/");

        using var gateway = Client(new Uri("http://localhost:5000/"), ops, 8);
        using var exits = Client(target, screener, options.ExitConnections);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri("amqp://civichall:civichall@localhost:5672/")));
        await bus.StartAsync();
        await using var notifications = new Notifications();
        await notifications.StartAsync();
        var phases = new List<Phase>();
        try
        {
            var names = new List<(string Name, int Halls)>();
            if (options.Warmup > 0)
            {
                names.Add(("warmup", 50));
            }

            names.AddRange(options.Phases.Select(p => (p, p == "halls50" ? 50 : 1)));
            var halls = new Dictionary<string, List<HallFlow>>(StringComparer.Ordinal);
            foreach (var (name, count) in names)
            {
                halls[name] = await CreateHallsAsync(gateway, options, name, count);
            }

            Log($"halls ready: {halls.Sum(h => h.Value.Count)} (capacity {halls.Values.First()[0].Capacity} each)");
            foreach (var (name, _) in names)
            {
                var settings = new LoadSettings(
                    bus, exits, options.ExitConnections, options.Publishers, options.AdmissionWindow,
                    TimeSpan.FromSeconds(name == "warmup" ? options.Warmup : options.Seconds),
                    name == "fanout" ? options.FanoutRate : name == "warmup" ? 0 : options.Rate);
                phases.Add(name == "fanout"
                    ? await FanoutAsync(options, notifications, halls[name], settings, options.StreamBase is { } streamBase ? new Uri(streamBase) : target, ops)
                    : await MovementsAsync(options, notifications, name, halls[name], settings));
            }
        }
        finally
        {
            await bus.StopAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(6)); // RabbitMQ's management statistics are refreshed every 5 s
        var queues = await QueuesAsync();
        await File.WriteAllTextAsync(options.Out, Report(options, phases, queues));
        phases.ForEach(p => p.Load.Dispose());
        return 0;
    }

    private static HttpClient Client(Uri baseAddress, string token, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(10),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Fresh halls bench-RUN-occ-PHASE-NN through the public API, one service floor holding about <c>--capacity</c>; waits until occupancy has planned them.</summary>
    private static async Task<List<HallFlow>> CreateHallsAsync(HttpClient gateway, Options options, string phase, int count)
    {
        // 15 people per 100 m² (the default policy): the floor's area for the capacity asked for.
        var area = Math.Ceiling(options.Capacity * 100m / 15m * 100m) / 100m;
        var ids = Enumerable.Range(1, count).Select(i => $"bench-{options.RunId}-occ-{phase}-{i:D2}").ToList();
        using var limit = new SemaphoreSlim(4);
        await Task.WhenAll(ids.Select(async id =>
        {
            await limit.WaitAsync();
            try
            {
                var body = new
                {
                    name = "压测大厅",
                    district = "青浦区",
                    timeZone = "Asia/Shanghai",
                    openingHours = Days.Select(day => new { day, opens = "08:00", closes = "18:00" }).ToArray(),
                    overrides = Array.Empty<object>(),
                    zones = new[] { new { zoneId = "floor-1", kind = "service_floor", name = "服务区", areaM2 = area } },
                };
                using var response = await gateway.PutAsJsonAsync(new Uri($"api/v1/halls/{id}", UriKind.Relative), body);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"PUT hall {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            finally
            {
                limit.Release();
            }
        }));

        var halls = new List<HallFlow>();
        foreach (var (id, index) in ids.Select((id, i) => (id, i)))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                using var response = await gateway.GetAsync(new Uri($"api/v1/halls/{id}/occupancy", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    var capacity = view.RootElement.GetProperty("capacity").GetInt32();
                    if (capacity > 0)
                    {
                        halls.Add(new HallFlow(id, $"{options.RunId}{phase[0]}{index:D2}", capacity, options.QueueTarget));
                        break;
                    }
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Occupancy did not plan hall {id} within 60 s.");
                }

                await Task.Delay(100);
            }
        }

        return halls;
    }

    private static async Task<Phase> MovementsAsync(Options options, Notifications notifications, string name, List<HallFlow> halls, LoadSettings settings)
    {
        Log($"{name}: {halls.Count} hall(s), {(settings.MovementsPerSecond > 0 ? $"{settings.MovementsPerSecond}/s" : "flat out")} for {settings.Duration.TotalSeconds} s after filling them");
        var load = new FloorLoad(halls, settings);
        var cpu = new CpuMeter(options.OccupancyPid, options.GatewayPid, notifications.ProcessId, options.Hz, Database.Of("occupancy"));
        notifications.Target = load;
        await load.RunAsync(cpu.StartAsync);
        var reading = await cpu.StopAsync();
        notifications.Target = null;
        var check = await FloorCheck.RunAsync(halls, load.PublishErrors);
        var label = name switch
        {
            "warmup" => "warm-up (50 halls, flat out; not a result)",
            "halls50" => "50 halls",
            _ => "one hall",
        };
        return new Phase(name, label, load, reading, check, settings.Duration.TotalSeconds, await AdmissionLatenciesAsync(load), null);
    }

    /// <summary>
    /// 200 listeners on one hall's live feed while movements run at a moderate rate; the delay from sending
    /// a movement to a listener's receiving its change frame. Reports "not available" when the feed answers 404.
    /// </summary>
    /// <remarks><c>--stream-base URL</c> points the listeners at another server of the same contract (a replica, a stand-in).</remarks>
    private static async Task<Phase> FanoutAsync(Options options, Notifications notifications, List<HallFlow> halls, LoadSettings settings, Uri target, string ops)
    {
        var hall = halls[0];
        var path = $"api/v1/halls/{hall.HallId}/occupancy/stream";
        Log($"fanout: {options.Listeners} listeners on {target}{path}");
        using var streams = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Listeners + 8, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
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
            var why = statuses.Any(s => s == HttpStatusCode.NotFound)
                ? $"not available: GET /{path} answered 404 (no live feed on this build)"
                : $"not available: no listener got a snapshot (answers: {string.Join(", ", statuses.Distinct().Select(s => (int)s))}; {listeners.Select(l => l.Error).FirstOrDefault(e => e is not null)})";
            Log($"fanout {why}");
            var empty = new Percentiles([]);
            return new Phase("fanout", "fan-out", load, new CpuMeter.Reading(0, 0, 0, 0, 0, 0, 0), new FloorCheck.Result(0, 0, 0, 0, 0, 0, 0, 0, 0, []), 0, empty,
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
            (change is "admitted" or "queued" ? admittedAt : change == "exited" ? exitedAt : null) is { } map && map.TryGetValue(atMicros, out var sent)
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
        var missing = live.Sum(l => Math.Max(0, final - l.SnapshotSequence - l.Frames.Select(f => f.Sequence).Distinct().Count(s => s > l.SnapshotSequence && s <= final)));
        var dropped = live.Count(l => l.Error is not null);
        var result = new FanoutResult(
            null, options.Listeners, connected, statuses.Any(s => s != HttpStatusCode.OK) ? string.Join(", ", statuses.Where(s => s != HttpStatusCode.OK).Select(s => (int)s).Distinct()) : null,
            new Percentiles(live.Select(l => l.TimeToSnapshot.TotalMilliseconds)), expected.Min(), expected.Max(),
            received[0], received[received.Count / 2], missing, new Percentiles(delays), new Percentiles(counted), new Percentiles(feed), matched, unmatched, dropped,
            paused, collections);
        return new Phase("fanout", "fan-out (one hall)", load, reading, check, settings.Duration.TotalSeconds, await AdmissionLatenciesAsync(load), result);
    }

    /// <summary>Messages left in RabbitMQ queues of PersonAdmitted (the consumer's and its _error queue).</summary>
    private static async Task<List<(string Name, long Ready, long Unacknowledged)>> QueuesAsync()
    {
        try
        {
            using var management = new HttpClient { BaseAddress = new Uri("http://localhost:15672/api/"), Timeout = TimeSpan.FromSeconds(10) };
            management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("civichall:civichall")));
            using var json = JsonDocument.Parse(await management.GetStringAsync(new Uri("queues/%2F?columns=name,messages_ready,messages_unacknowledged", UriKind.Relative)));
            static long Count(JsonElement queue, string name) => queue.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : 0;
            return [.. json.RootElement.EnumerateArray()
                .Select(q => (Name: q.GetProperty("name").GetString() ?? "", Ready: Count(q, "messages_ready"), Unacknowledged: Count(q, "messages_unacknowledged")))
                .Where(q => q.Name.StartsWith("occupancy", StringComparison.Ordinal) && q.Name.Contains("person-admitted", StringComparison.Ordinal))];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    private static string Report(Options options, List<Phase> phases, List<(string Name, long Ready, long Unacknowledged)> queues)
    {
        var report = new StringBuilder();
        void Line(string text = "") => report.AppendLine(text);
        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var pace = options.Rate > 0 ? $"exits at {N(options.Rate / 2)}/s (movements {N(options.Rate)}/s), admissions following them" : "flat out (closed loop)";
        Line($"Load (one process on the same host, benchmarks/CivicHall.Benchmarks `occupancy`): per hall a floor of {phases.FirstOrDefault()?.Load.Halls[0].Capacity ?? options.Capacity} places and a door queue of {options.QueueTarget}, filled before measuring (not counted). " +
             $"Admissions are PersonAdmitted events published to RabbitMQ as screening publishes them (at most {options.AdmissionWindow} not yet counted, {options.Publishers} publishers); " +
             $"exits are `POST /api/v1/halls/{{hallId}}/exits` {(options.Via == "gateway" ? "through the gateway" : "straight to the occupancy service")} with a screener token, {options.ExitConnections} connections, the oldest person of a hall first. " +
             $"halls50 and hall1: {pace}, {options.Seconds} s each; fanout: {N(options.FanoutRate)} movements/s on one hall with {options.Listeners} listeners; warm-up: {(options.Warmup > 0 ? $"{options.Warmup} s of the 50-hall load on halls of its own, reported but not a result" : "none")}.");
        Line();
        Line("## Movements");
        Line();
        Line("| phase | halls | admissions/s | exits/s | movements/s | exit, sent → answer p50 / p90 / p99 / max | admission, published → counted p50 / p90 / p99 / max | exit answers | publish errors | admissions not counted at the end |");
        Line("|---|---|---|---|---|---|---|---|---|---|");
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var phase in phases.Where(p => p.Fanout?.NotAvailable is null))
        {
            var load = phase.Load;
            var counted = load.Changes.Where(c => c.Change is "admitted" or "queued" && c.ReceivedTicks >= load.StartTicks && c.ReceivedTicks < load.EndTicks).ToList();
            var exitsOk = load.ExitAnswers.GetValueOrDefault("200");
            var admissionsPerSecond = counted.Count / phase.Seconds;
            var exitsPerSecond = exitsOk / phase.Seconds;
            rates[phase.Name] = admissionsPerSecond + exitsPerSecond;
            var admissions = phase.Admissions;
            var answers = string.Join(", ", load.ExitAnswers.OrderByDescending(a => a.Value).Select(a => $"{a.Key} × {N(a.Value)}"));
            var notCounted = load.Halls.Sum(h => h.Published - h.Counted);
            Line($"| {phase.Label} | {load.Halls.Count} | {N(admissionsPerSecond)} | {N(exitsPerSecond)} | **{N(rates[phase.Name])}** | {new Percentiles(load.ExitLatencies).Summary()} | {admissions.Summary()} | {(answers.Length == 0 ? "–" : answers)} | {load.PublishErrors} | {notCounted} |");
        }

        Line();
        Line("Movements/s: exits answered 200 and admissions counted (announced by the database at commit) during the measured seconds, ÷ those seconds. " +
             "An admission counts from the publish call to the arrival of its change on a `LISTEN civichall_occupancy` connection to the occupancy database (the commit that counted it, joined to the event by its time in the database); " +
             "this includes RabbitMQ, the inbox consumer (which applies deliveries of one hall in groups, in one transaction) and the commit. An exit counts from sending the request to the whole answer. " +
             "The generator sends a hall's oldest person out once more admissions than the queue holds were counted after them; `409:not_inside` means the consumer had not applied that person's admission yet (it does not always apply a hall's deliveries in publish order), and the exit is sent again 100 ms later (every attempt is in the latencies, only 200s in exits/s).");
        Line();

        Line("## Against the targets");
        Line();
        Line("| measurement | result | target | met |");
        Line("|---|---|---|---|");
        void Target(string phase, string what, double minimum)
        {
            if (rates.TryGetValue(phase, out var rate))
            {
                Line($"| {what} | {N(rate)} movements/s | ≥ {N(minimum)}/s | {(rate >= minimum ? "yes" : "no")} |");
            }
            else
            {
                Line($"| {what} | not measured (phase {phase} not chosen) | ≥ {N(minimum)}/s | – |");
            }
        }

        Target("halls50", "movements over 50 halls", 1000);
        Target("hall1", "movements on one hall", 300);
        var fan = phases.FirstOrDefault(p => p.Name == "fanout")?.Fanout;
        if (fan is null)
        {
            Line("| fan-out to listeners, p99 | not measured (phase fanout not chosen) | ≤ 200 ms | – |");
        }
        else if (fan.NotAvailable is not null)
        {
            Line($"| fan-out to {fan.Listeners} listeners, p99 | {fan.NotAvailable} | ≤ 200 ms | – |");
        }
        else
        {
            // Two readings of "from an admission to its SSE message": from the admission's commit (the
            // fan-out itself: database notification, the feed, every stream), and from sending the
            // movement (also its way to the database and its commit, on the same loaded host).
            var fanout = fan.Feed.At(99);
            var endToEnd = fan.Delay.At(99);
            Line($"| fan-out to {fan.Connected} listeners, change committed → change received, p99 | {Percentiles.Ms(fanout)} ({N(fan.Missing)} frames missing) | ≤ 200 ms, none missing | {(fanout <= 200 && fan.Missing == 0 ? "yes" : "no")} |");
            Line($"| the same, end to end: movement sent → change received, p99 | {Percentiles.Ms(endToEnd)} | ≤ 200 ms | {(endToEnd <= 200 ? "yes" : "no")} |");
        }

        Line();
        if (fan is not null)
        {
            Line("## Fan-out (live feed)");
            Line();
            if (fan.NotAvailable is not null)
            {
                Line($"{fan.NotAvailable}.");
            }
            else
            {
                Line("| measurement | result |");
                Line("|---|---|");
                Line($"| listeners with a snapshot / asked | {fan.Connected} / {fan.Listeners}{(fan.ConnectError is null ? "" : $" (other answers: {fan.ConnectError})")} |");
                Line($"| request → snapshot p50 / p90 / p99 / max | {fan.ToSnapshot.Summary()} |");
                Line($"| change frames expected per listener (hall's last sequence − its snapshot's) | {N(fan.ExpectedMin)}{(fan.ExpectedMax != fan.ExpectedMin ? $"–{N(fan.ExpectedMax)}" : "")} |");
                Line($"| change frames received per listener, least / median | {N(fan.ReceivedMin)} / {N(fan.ReceivedMedian)} |");
                Line($"| sequences missing, all listeners together | {N(fan.Missing)} |");
                Line($"| listeners whose stream broke | {fan.Dropped} |");
                Line($"| movement sent → change frame at a listener, p50 / p90 / p99 / max ({N(fan.Delay.Count)} frames) | {fan.Delay.Summary()} |");
                Line($"| for comparison: movement sent → its commit seen by LISTEN, p50 / p90 / p99 / max | {fan.Counted.Summary()} |");
                Line($"| the feed's own part: commit seen by LISTEN → the same sequence at a listener, every frame of the measured seconds, p50 / p90 / p99 / max | {fan.Feed.Summary()} |");
                Line($"| frames joined to their movement / not joined | {N(fan.Matched)} / {N(fan.Unmatched)} |");
                Line($"| the load generator's own garbage collections while movements ran (warm-up and measured seconds): count / total pause | {N(fan.GeneratorCollections)} / {fan.GeneratorPauses.TotalMilliseconds:N0} ms |");
                Line();
                Line("Movements sent during the measured seconds only (admissions: `admitted`/`queued` frames from the publish call; exits: `exited` frames from sending the request); the `queue_advanced` frame an exit causes is received but not timed (it has the exit's time). " +
                     "The listeners run in the load generator's process, so on a small host they compete with the system for CPU.");
            }

            Line();
        }

        Line("## Where the CPU went");
        Line();
        Line("CPU time (user + system) during each phase's measured seconds, per movement, of the occupancy process, the PostgreSQL server processes of the occupancy database, RabbitMQ (beam.smp, all its work), the gateway and the load generator (this process, listeners included, and the PostgreSQL process of its LISTEN connection); and how busy the whole host was, with the share of everything else.");
        Line();
        Line("| phase | occupancy | PostgreSQL | RabbitMQ | gateway | load generator | host busy | of which everything else |");
        Line("|---|---|---|---|---|---|---|---|");
        foreach (var phase in phases.Where(p => p.Fanout?.NotAvailable is null))
        {
            var c = phase.Cpu;
            var movements = rates.GetValueOrDefault(phase.Name) * phase.Seconds;
            string Per(double ms) => movements > 0 ? $"{ms * 1000 / movements:N0} µs" : "–";
            var elseMs = Math.Max(0, c.HostBusyMs - c.OccupancyMs - c.PostgresMs - c.RabbitMs - c.GatewayMs - c.GeneratorMs);
            Line($"| {phase.Label} | {Per(c.OccupancyMs)} | {Per(c.PostgresMs)} | {Per(c.RabbitMs)} | {Per(c.GatewayMs)} | {Per(c.GeneratorMs)} | {(c.HostTotalMs > 0 ? 100 * c.HostBusyMs / c.HostTotalMs : 0):N0} % | {(c.HostTotalMs > 0 ? 100 * elseMs / c.HostTotalMs : 0):N0} % |");
        }

        Line();
        Line("## The floors afterwards");
        Line();
        Line("Checked in the occupancy database once every admission sent was counted (or a minute passed), per hall: never over capacity (now, and in every count the database announced during the run), " +
             "admission rows = admissions sent, each inside, queued, exited or turned away; the hall's inside and queue counters, its zones' counts and its open zone presences agree with the rows; exited rows = exits answered 200.");
        Line();
        Line("| phase | halls as expected | admissions sent | rows | inside / queued / exited / turned away | most over capacity ever announced | problems (first 5) |");
        Line("|---|---|---|---|---|---|---|");
        foreach (var phase in phases.Where(p => p.Fanout?.NotAvailable is null))
        {
            var k = phase.Check;
            Line($"| {phase.Label} | {k.HallsOk} / {k.Halls} | {N(k.Sent)} | {N(k.Rows)} | {N(k.Inside)} / {N(k.Queued)} / {N(k.Exited)} / {N(k.TurnedAway)} | {(k.WorstOverCapacity <= 0 ? "none" : $"+{k.WorstOverCapacity}")} | {(k.Problems.Count == 0 ? "–" : string.Join("; ", k.Problems.Take(5)))} |");
        }

        Line();
        Line($"RabbitMQ 6 s after the last phase (management statistics, which lag by some seconds): {(queues.Count == 0 ? "no PersonAdmitted queue of occupancy found" : string.Join(", ", queues.Select(q => $"`{q.Name}` {q.Ready} ready, {q.Unacknowledged} delivered and not yet acknowledged")))}.");
        Line();
        var samples = phases.SelectMany(p => p.Load.ExitSamples.Select(s => $"- {p.Name}, {s.Key}: `{s.Value.ReplaceLineEndings(" ")}`")).ToList();
        if (samples.Count > 0)
        {
            Line("## Unexpected exit answers (first body of each kind)");
            Line();
            samples.ForEach(Line);
            Line();
        }

        return report.ToString();
    }

    /// <summary>Published → counted for the admissions published during the measured seconds, joined through the database (the change's <c>at</c> is the row's <c>arrived_at</c>).</summary>
    private static async Task<Percentiles> AdmissionLatenciesAsync(FloorLoad load)
    {
        var arrived = (await FloorCheck.MovementsAsync(load.Halls.Select(h => h.HallId)))
            .GroupBy(m => m.ArrivedMicros).ToDictionary(g => g.Key, g => g.First().Id);
        return new Percentiles(load.Changes
            .Where(c => c.Change is "admitted" or "queued")
            .Select(c => (c.ReceivedTicks, Published: arrived.TryGetValue(c.AtMicros, out var id) && load.Published.TryGetValue(id, out var at) ? at : 0))
            .Where(x => x.Published >= load.StartTicks && x.Published < load.EndTicks)
            .Select(x => TimeSpan.FromTicks(x.ReceivedTicks - x.Published).TotalMilliseconds));
    }

    private static Options Parse(string[] args)
    {
        string Text(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var capacity = Number("--capacity", 60);
        var phases = Text("--phases", string.Join(',', AllPhases)).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var unknown = phases.Except(AllPhases).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown phase(s) {string.Join(", ", unknown)}; one of {string.Join(", ", AllPhases)}.");
        }

        return new Options(
            Text("--run-id", DateTime.Now.ToString("MMddHHmmss", CultureInfo.InvariantCulture)), Number("--seconds", 30), Number("--warmup", 20),
            [.. AllPhases.Where(phases.Contains)], Number("--listeners", 200), capacity, Number("--queue", Math.Max(8, capacity / 4)),
            Number("--rate", 0), Number("--fanout-rate", 150), Number("--exit-connections", 16), Number("--publishers", 4), Number("--admission-window", 200),
            Text("--via", "direct"), args.Contains("--stream-base") ? Text("--stream-base", "") : null, Number("--occupancy-pid", 0), Number("--gateway-pid", 0), Number("--hz", 100), Text("--out", "occupancy-report.md"));
    }

    private static void Log(string message) => Console.Error.WriteLine($"[bench-occupancy {DateTime.Now:HH:mm:ss}] {message}");
}
