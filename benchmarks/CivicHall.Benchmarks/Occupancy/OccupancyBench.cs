using MassTransit;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>
/// The load generator of <c>scripts/bench-occupancy</c> (which starts the system and passes the tokens
/// and process ids): people admitted (PersonAdmitted through RabbitMQ, as screening publishes them) and
/// leaving (<c>POST /api/v1/halls/{hallId}/exits</c>) over 50 halls and over one hall, then the live
/// feed's delay to 200 listeners. Writes the report's body (markdown) to <c>--out</c>. Not a test: it
/// measures and reports, and asserts nothing.
/// </summary>
/// <remarks>
/// The parts: <see cref="BenchOptions"/> (the command line), <see cref="HallSetup"/> (clients and halls),
/// <see cref="MovementsPhase"/> and <see cref="FanoutPhase"/> (the phases), <see cref="OccupancyReport"/> (the report).
/// </remarks>
internal static class OccupancyBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var ops = Environment.GetEnvironmentVariable("BENCH_OPS_TOKEN")
            ?? throw new InvalidOperationException("BENCH_OPS_TOKEN is not set.");
        var screener = Environment.GetEnvironmentVariable("BENCH_SCREENER_TOKEN")
            ?? throw new InvalidOperationException("BENCH_SCREENER_TOKEN is not set.");
        var target = new Uri(options.Via == "gateway" ? "http://localhost:5000/" : "http://localhost:5103/");

        using var gateway = HallSetup.Client(new Uri("http://localhost:5000/"), ops, 8);
        using var exits = HallSetup.Client(target, screener, options.ExitConnections);
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
                halls[name] = await HallSetup.CreateHallsAsync(gateway, options, name, count);
            }

            Log($"halls ready: {halls.Sum(h => h.Value.Count)} (capacity {halls.Values.First()[0].Capacity} each)");
            foreach (var (name, _) in names)
            {
                var settings = new LoadSettings(
                    bus, exits, options.ExitConnections, options.Publishers, options.AdmissionWindow,
                    TimeSpan.FromSeconds(name == "warmup" ? options.Warmup : options.Seconds),
                    name == "fanout" ? options.FanoutRate : name == "warmup" ? 0 : options.Rate);
                var streamBase = options.StreamBase is { } stream ? new Uri(stream) : target;
                phases.Add(name == "fanout"
                    ? await FanoutPhase.RunAsync(options, notifications, halls[name], settings, streamBase, ops)
                    : await MovementsPhase.RunAsync(options, notifications, name, halls[name], settings));
            }
        }
        finally
        {
            await bus.StopAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(6)); // RabbitMQ's management statistics are refreshed every 5 s
        var queues = await RabbitQueues.PersonAdmittedAsync();
        await File.WriteAllTextAsync(options.Out, OccupancyReport.Write(options, phases, queues));
        phases.ForEach(p => p.Load.Dispose());
        return 0;
    }

    public static void Log(string message) => Console.Error.WriteLine($"[bench-occupancy {DateTime.Now:HH:mm:ss}] {message}");
}
