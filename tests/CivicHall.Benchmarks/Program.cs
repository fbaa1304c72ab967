// Event-path benchmark: commit → consumer latency at a fixed rate, the relay's maximum rate, and raw
// MassTransit publish+consume on the same broker in the same run. Not a test: it measures and reports.
//   dotnet run -c Release --project tests/CivicHall.Benchmarks -- [--rate 500] [--seconds 20] [--count 30000]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CivicHall.Benchmarks;
using CivicHall.Contracts.Halls.V1;
using CivicHall.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

var rate = Argument("--rate", 500);
var seconds = Argument("--seconds", 20);
var count = Argument("--count", 30_000);
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"# Event path benchmark — {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores");
report.AppendLine();
report.AppendLine("| measurement | result | target |");
report.AppendLine("|---|---|---|");

await using (var infrastructure = new Infrastructure())
{
    // 1. Outbox path at a fixed rate: one transaction per change (domain row + outbox row), relay,
    //    broker, inbox consumer. Latency from the start of SaveChanges to the consumer's effect.
    await using (var host = await BenchHost.StartAsync(infrastructure.NewDatabase(), await infrastructure.NewVirtualHostAsync(), inbox: true))
    {
        Task Write(int i) => WriteChangeAsync(host, $"k{i}");
        var warm = await Pacer.RunAsync(rate, TimeSpan.FromSeconds(3), 8, Write);
        await host.WaitForAsync(warm, TimeSpan.FromSeconds(30));
        host.Arrivals.LatenciesMs.Clear();
        var sent = await Pacer.RunAsync(rate, TimeSpan.FromSeconds(seconds), 8, Write, firstIndex: warm);
        await host.WaitForAsync(warm + sent, TimeSpan.FromSeconds(60));
        var latencies = host.Arrivals.LatenciesMs.Order().ToArray();
        report.AppendLine(CultureInfo.InvariantCulture, $"| outbox path at {rate}/s for {seconds} s: delivered / sent | {host.Arrivals.Count - warm} / {sent} | all |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| outbox path commit → inbox consumer p50 / p95 / p99 / max | {P(latencies, 50)} / {P(latencies, 95)} / {P(latencies, 99)} / {P(latencies, 100)} ms | p99 ≤ 50 ms |");
    }

    // 2. Relay maximum: a backlog of committed rows, published as fast as the relay can.
    foreach (var inbox in new[] { false, true })
    {
        await using var host = await BenchHost.StartAsync(infrastructure.NewDatabase(), await infrastructure.NewVirtualHostAsync(), inbox, start: false);
        await SeedOutboxAsync(host, count);
        await host.StartAsync();
        var perSecond = await MeasureArrivalRateAsync(host, count);
        report.AppendLine(CultureInfo.InvariantCulture, $"| relay maximum, {count} events, {(inbox ? "inbox consumer (insert + inbox row)" : "counting consumer")} | {perSecond:N0} events/s | ≥ 3,000/s |");
    }

    // 3. Raw MassTransit on the same broker: publish (200 in flight) + consume, no database.
    await using (var host = await BenchHost.StartAsync(infrastructure.NewDatabase(), await infrastructure.NewVirtualHostAsync(), inbox: false))
    {
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

        host.Arrivals.LatenciesMs.Clear();
        await Pacer.RunAsync(rate, TimeSpan.FromSeconds(Math.Min(seconds, 10)), 8, i =>
        {
            var key = $"rawlat{i}";
            host.Arrivals.CommittedAt[key] = Stopwatch.GetTimestamp();
            return bus.Publish(Event(key));
        });
        await host.WaitForAsync(host.Arrivals.Count, TimeSpan.FromSeconds(5));
        await Task.Delay(500);
        var raw = host.Arrivals.LatenciesMs.Order().ToArray();
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
    host.Arrivals.CommittedAt[key] = Stopwatch.GetTimestamp();
    await db.SaveChangesAsync();
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

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
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
