// Event-path benchmark: commit → consumer latency at a fixed rate, the relay's maximum rate, and raw
// MassTransit publish+consume on the same broker in the same run. Not a test: it measures and reports.
//   dotnet run -c Release --project benchmarks/CivicHall.Benchmarks -- [--rate 500] [--seconds 20] [--warmup 30] [--count 30000] [--phases latency,max,raw] [--set Section:Key=value]…
// With "occupancy" first, the load generator of scripts/bench-occupancy instead (Occupancy/OccupancyBench.cs);
// with "sanitation" first, the in-process day generation and sweeps of scripts/bench-sanitation (Sanitation/SanitationBench.cs);
// with "reports" first, the city-wide daily report over 200 halls (Reports/ReportsBench.cs).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CivicHall.Benchmarks;
using CivicHall.Contracts.Halls.V1;
using CivicHall.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

if (args is ["occupancy", ..])
{
    // scripts/bench-occupancy's load generator (Occupancy/OccupancyBench.cs), against the running system.
    Environment.ExitCode = await CivicHall.Benchmarks.Occupancy.OccupancyBench.RunAsync(args[1..]);
    return;
}

if (args is ["sanitation", ..])
{
    // scripts/bench-sanitation's in-process phases (Sanitation/SanitationBench.cs), on a database of their own.
    Environment.ExitCode = await CivicHall.Benchmarks.Sanitation.SanitationBench.RunAsync(args[1..]);
    return;
}

if (args is ["reports", ..])
{
    // The city-wide daily report over 200 halls (Reports/ReportsBench.cs), in process on a database of its own.
    Environment.ExitCode = await CivicHall.Benchmarks.Reports.ReportsBench.RunAsync(args[1..]);
    return;
}

var rate = Argument("--rate", 500);
var seconds = Argument("--seconds", 20);
var count = Argument("--count", 30_000);
var warmupSeconds = Argument("--warmup", 30);
var phases = (ArgumentText("--phases") ?? "latency,max,raw").Split(',');
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
    {
        BenchHost.Overrides[key] = value;
    }
}

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"# Event path benchmark — {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores");
report.AppendLine();
foreach (var (key, value) in BenchHost.Overrides)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"Setting: `{key}={value}`  ");
}

report.AppendLine();
report.AppendLine("| measurement | result | target |");
report.AppendLine("|---|---|---|");

using var relayPasses = new RelayPasses();
await using (var infrastructure = new Infrastructure())
{
    // 0. Process warm-up: a long-running service runs optimised code (tiered compilation finishes
    //    after some seconds of load, later still on a busy 2-core host). Run the whole path, inbox
    //    consumer included, before measuring anything, so no phase pays for the JIT of the others.
    if (phases.Contains("latency"))
    {
        await using var host = await BenchHost.StartAsync(infrastructure.NewDatabase(), await infrastructure.NewVirtualHostAsync(), inbox: true);
        var warm = await Pacer.RunAsync(rate, TimeSpan.FromSeconds(warmupSeconds), 8, i => WriteChangeAsync(host, $"w{i}"));
        await host.WaitForAsync(warm, TimeSpan.FromSeconds(30));
    }

    // 1. Outbox path at a fixed rate: one transaction per change (domain row + outbox row), relay,
    //    broker, consumer. Latency from the commit (SaveChanges returned) to the consumer's effect, and the
    //    relay's share of it (commit → publish). Once with the real consumer shape (inbox row + effect
    //    row in one transaction), once with a consumer that only counts (the path without the inbox).
    foreach (var inbox in phases.Contains("latency") ? new[] { true, false } : [])
    {
        await using var host = await BenchHost.StartAsync(infrastructure.NewDatabase(), await infrastructure.NewVirtualHostAsync(), inbox);
        var consumer = inbox ? "inbox consumer" : "counting consumer";
        Task Write(int i) => WriteChangeAsync(host, $"k{i}");
        var warm = await Pacer.RunAsync(rate, TimeSpan.FromSeconds(5), 8, Write);
        await host.WaitForAsync(warm, TimeSpan.FromSeconds(30));
        host.Arrivals.Clear();
        relayPasses.Clear();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sent = await Pacer.RunAsync(rate, TimeSpan.FromSeconds(seconds), 8, Write, firstIndex: warm);
        await host.WaitForAsync(warm + sent, TimeSpan.FromSeconds(60));
        var cpuPerEvent = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / sent;
        var (latencies, relay) = host.Arrivals.Latencies();
        report.AppendLine(CultureInfo.InvariantCulture, $"| outbox path at {rate}/s for {seconds} s, {consumer}: delivered / sent | {host.Arrivals.Count - warm} / {sent} | all |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| outbox path, {consumer}: commit → consumer effect p50 / p95 / p99 / max | {P(latencies, 50)} / {P(latencies, 95)} / {P(latencies, 99)} / {P(latencies, 100)} ms | p99 ≤ 50 ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| outbox path, {consumer}: of which commit → relay publish p50 / p99 | {P(relay, 50)} / {P(relay, 99)} ms | |");
        var passes = relayPasses.DurationsMs.Order().ToArray();
        report.AppendLine(CultureInfo.InvariantCulture, $"| outbox path, {consumer}: relay passes, rows per pass, pass time p50 / p99 | {passes.Length}, {(relayPasses.Rows.IsEmpty ? 0 : relayPasses.Rows.Average()):F1}, {P(passes, 50)} / {P(passes, 99)} ms | |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| outbox path, {consumer}: CPU of the service process (writer + relay + consumer) per event | {cpuPerEvent:F0} µs | |");
    }

    // 2. Relay maximum: a backlog of committed rows, published as fast as the relay can.
    foreach (var inbox in phases.Contains("max") ? new[] { false, true } : [])
    {
        await using var host = await BenchHost.StartAsync(infrastructure.NewDatabase(), await infrastructure.NewVirtualHostAsync(), inbox, start: false);
        await SeedOutboxAsync(host, count);
        relayPasses.Clear();
        await host.StartAsync();
        var perSecond = await MeasureArrivalRateAsync(host, count);
        var consumer = inbox ? "inbox consumer (insert + inbox row)" : "counting consumer";
        report.AppendLine(CultureInfo.InvariantCulture, $"| relay maximum, {count} events, {consumer} | {perSecond:N0} events/s | {(inbox ? "(consumer-bound)" : "≥ 3,000/s")} |");
        var passes = relayPasses.DurationsMs.Order().ToArray();
        report.AppendLine(CultureInfo.InvariantCulture, $"| relay maximum, {consumer}: relay passes, rows per pass, pass time p50 / p99 | {passes.Length}, {(relayPasses.Rows.IsEmpty ? 0 : relayPasses.Rows.Average()):F1}, {P(passes, 50)} / {P(passes, 99)} ms | |");
    }

    // 3. Raw MassTransit on the same broker: publish (200 in flight) + consume, no database.
    if (phases.Contains("raw"))
    {
        await using var host = await BenchHost.StartAsync(infrastructure.NewDatabase(), await infrastructure.NewVirtualHostAsync(), inbox: false);
        var bus = host.Services.GetRequiredService<IBus>();
        using var inFlight = new SemaphoreSlim(200);
        var started = Stopwatch.GetTimestamp();
        var publishing = Enumerable.Range(0, count).Select(async i =>
        {
            await inFlight.WaitAsync();
            try
            {
                await bus.Publish(Event($"raw{i}"));
            }
            finally
            {
                inFlight.Release();
            }
        });
        await Task.WhenAll(publishing);
        await host.WaitForAsync(count, TimeSpan.FromMinutes(2));
        var rawRate = host.Arrivals.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        report.AppendLine(CultureInfo.InvariantCulture, $"| raw MassTransit publish+consume, {count} events | {rawRate:N0} events/s | (baseline) |");

        host.Arrivals.Clear();
        await Pacer.RunAsync(rate, TimeSpan.FromSeconds(Math.Min(seconds, 10)), 8, i =>
        {
            var key = $"rawlat{i}";
            host.Arrivals.Committed(key);
            return bus.Publish(Event(key));
        });
        await host.WaitForAsync(host.Arrivals.Count, TimeSpan.FromSeconds(5));
        await Task.Delay(500);
        var (raw, _) = host.Arrivals.Latencies();
        report.AppendLine(CultureInfo.InvariantCulture, $"| raw MassTransit publish → consume at {rate}/s p50 / p99 | {P(raw, 50)} / {P(raw, 99)} ms | (baseline) |");
    }
}

Console.WriteLine(report);
var root = FindRepositoryRoot();
Directory.CreateDirectory(Path.Combine(root, ".run", "bench"));
var file = Path.Combine(root, ".run", "bench", $"events-{DateTime.Now:yyyyMMdd-HHmmss}.md");
await File.WriteAllTextAsync(file, report.ToString());
Console.WriteLine($"report: {file}");

static HallConfigured Event(string key) =>
    new(key, 1, "hall", "district", "Asia/Shanghai", OnSiteStates.Open, [], [], [], DateTimeOffset.UtcNow);

static async Task WriteChangeAsync(BenchHost host, string key)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
    db.Changes.Add(new Change { Key = key });
    db.AddIntegrationEvent(Event(key), TimeProvider.System);
    await db.SaveChangesAsync();
    host.Arrivals.Committed(key);
}

static async Task SeedOutboxAsync(BenchHost host, int rows)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
    await db.Database.ExecuteSqlAsync($"""
        INSERT INTO outbox_messages (id, message_type, payload, occurred_at, created_at, attempts, next_attempt_at)
        SELECT gen_random_uuid(), 'CivicHall.Contracts.Halls.V1.HallConfigured',
               jsonb_build_object('hallId', 'r' || g, 'version', 1, 'name', 'hall', 'district', 'district',
                                  'timeZone', 'Asia/Shanghai', 'onSiteState', 'open', 'openingHours', '[]'::jsonb,
                                  'overrides', '[]'::jsonb, 'zones', '[]'::jsonb, 'occurredAt', now()),
               now(), now(), 0, now()
        FROM generate_series(1, {rows}) AS g
        """);
}

static async Task<double> MeasureArrivalRateAsync(BenchHost host, int total)
{
    long firstCount = 0, firstAt = 0;
    var deadline = DateTime.UtcNow.AddMinutes(3);
    while (host.Arrivals.Count < total && DateTime.UtcNow < deadline)
    {
        if (firstAt == 0 && host.Arrivals.Count > 0)
        {
            (firstCount, firstAt) = (host.Arrivals.Count, Stopwatch.GetTimestamp());
        }

        await Task.Delay(2);
    }

    return (host.Arrivals.Count - firstCount) / Stopwatch.GetElapsedTime(firstAt).TotalSeconds;
}

static string P(double[] sorted, int percentile) => sorted.Length == 0
    ? "n/a"
    : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)].ToString("F1", CultureInfo.InvariantCulture);

int Argument(string name, int fallback) =>
    ArgumentText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? ArgumentText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string FindRepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CivicHall.slnx")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
