using System.Diagnostics;
using System.Globalization;
using System.Text;
using CivicHall.Benchmarks.Occupancy;
using CivicHall.HallDirectory;
using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Tasks;
using CivicHall.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace CivicHall.Benchmarks.Sanitation;

/// <summary>
/// The in-process half of <c>scripts/bench-sanitation</c>: a day's tasks generated for <c>--halls</c> halls of
/// <c>--zones</c> zones (<see cref="TaskDays.RegenerateAsync"/>, one hall-day at a time as a board read or a
/// plan change does it), the due-task sweep's first and idle passes (today and tomorrow of every hall), and the
/// overdue sweep over every open task: idle, then with the clock past the day's windows (tasks marked missed,
/// events written to the outbox), then the escalation pass. On a fresh database of its own
/// (<c>sanitation_bench_&lt;run&gt;</c>, migrated with the service's migrations) and a test clock; writes the
/// report's section (markdown) to <c>--out</c>. Measures, asserts nothing.
/// </summary>
internal static class SanitationBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Text(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var runId = Text("--run-id", DateTime.Now.ToString("MMddHHmmss", CultureInfo.InvariantCulture));
        var hallCount = Number("--halls", 200);
        var zones = Number("--zones", 50);
        var hz = Number("--hz", 100);
        var keep = args.Contains("--keep-database");
        var date = DateOnly.Parse(Text("--date", "2026-12-01"), CultureInfo.InvariantCulture);
        var output = Text("--out", "sanitation-inprocess.md");

        var database = $"sanitation_bench_{runId}";
        var midnight = HallTime.At(BenchHalls.TimeZone, date, TimeOnly.MinValue).ToUniversalTime();
        await using var host = await SanitationHost.StartAsync(database, midnight.AddMinutes(1));
        var report = new StringBuilder();
        try
        {
            var halls = Enumerable.Range(1, hallCount).Select(i => $"bench-{runId}-san-{i:D3}").ToList();
            await SeedAsync(host, halls, zones);
            Log($"{hallCount} halls × {zones} zones in {database}");
            await WarmUpAsync(host, halls, date);

            var body = new List<string>();
            void Row(string measurement, string result, (double WallMs, double ProcessMs, double PostgresMs) cpu, double per, string unit) =>
                body.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {measurement} | {result} | {cpu.WallMs / 1000:0.00} s | {cpu.ProcessMs / per:0} µs per {unit} | {cpu.PostgresMs / per:0} µs per {unit} |"));

            // (a) One day of every hall, one hall-day at a time, each in its own scope (a request's).
            var (firstMs, created, firstCpu) = await RegenerateAllAsync(host, halls, date, hz);
            Row($"day generation, {hallCount} hall-days (first time): p50 / p90 / p99 / max per hall-day",
                $"{new Percentiles(firstMs).Summary()}; {hallCount / (firstCpu.WallMs / 1000):0.0} hall-days/s, {created / (firstCpu.WallMs / 1000):N0} tasks/s ({created:N0} tasks, {created / (double)hallCount:0} per hall-day)",
                firstCpu, created / 1000.0, "task");
            var (againMs, changed, againCpu) = await RegenerateAllAsync(host, halls, date, hz);
            Row($"day generation again, nothing changed ({changed} rows changed): p50 / p90 / p99 / max per hall-day",
                $"{new Percentiles(againMs).Summary()}; {hallCount / (againCpu.WallMs / 1000):0.0} hall-days/s", againCpu, hallCount / 1000.0, "hall-day");

            // (b) The due-task sweep: today is generated (fingerprint unchanged), tomorrow is not yet.
            var dueSweep = host.Services.GetRequiredService<DueTaskSweep>();
            var (sweepRows, sweepCpu) = await TimeAsync(host, hz, () => dueSweep.SweepOnceAsync(CancellationToken.None));
            Row($"due-task sweep, first pass ({hallCount * 2} hall-days checked, tomorrow's generated)",
                $"{sweepRows:N0} tasks added in {sweepCpu.WallMs / 1000:0.00} s", sweepCpu, hallCount * 2 / 1000.0, "hall-day");
            var idleDue = await RepeatAsync(host, hz, 5, () => dueSweep.SweepOnceAsync(CancellationToken.None));
            Row($"due-task sweep, pass with nothing changed (every minute), 5 passes: p50 / max; rows changed {idleDue.Rows}",
                $"{Percentiles.Ms(idleDue.Ms.At(50))} / {Percentiles.Ms(idleDue.Ms.At(100))}", idleDue.Cpu, 5 * hallCount * 2 / 1000.0, "hall-day");

            // (c) The overdue sweep over every open task.
            var open = await host.CountAsync("SELECT count(*) FROM sanitation_tasks WHERE state = 'due'");
            var firstEnd = await host.CountAsync("SELECT extract(epoch FROM min(window_end))::bigint FROM sanitation_tasks WHERE state = 'due'");
            host.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(firstEnd));
            var overdue = host.Services.GetRequiredService<OverdueSweep>();
            await overdue.SweepOnceAsync(CancellationToken.None); // not timed: the sweep's first call compiles its code
            var idle = await RepeatAsync(host, hz, 5, () => overdue.SweepOnceAsync(CancellationToken.None));
            Row($"overdue sweep with {open:N0} open tasks, none overdue (clock at the first window's end), 5 passes: p50 / max; rows changed {idle.Rows}",
                $"{Percentiles.Ms(idle.Ms.At(50))} / {Percentiles.Ms(idle.Ms.At(100))}", idle.Cpu, 5 / 1000.0, "pass");

            host.Clock.SetUtcNow(HallTime.At(BenchHalls.TimeZone, date, new TimeOnly(23, 0)).ToUniversalTime());
            var outbox0 = await host.CountAsync("SELECT count(*) FROM outbox_messages");
            var passes = 0;
            var missed = 0;
            var missedTimer = await PhaseTimer.StartAsync(database, hz);
            int pass;
            do
            {
                pass = await overdue.SweepOnceAsync(CancellationToken.None);
                missed += pass;
                passes++;
            }
            while (pass > 0 && passes < 50);
            var missedCpu = await missedTimer.StopAsync();
            var events = await host.CountAsync("SELECT count(*) FROM outbox_messages") - outbox0;
            var stillDue = await host.CountAsync("SELECT count(*) FROM sanitation_tasks WHERE state = 'due'");
            Row($"overdue sweep at 23:00 local of the day: passes until none left ({passes}, the last finding nothing)",
                $"{missed:N0} tasks marked missed, {events:N0} events in the outbox, {missed / (missedCpu.WallMs / 1000):N0} tasks/s; {stillDue:N0} still due (tomorrow's and later)",
                missedCpu, Math.Max(1, missed) / 1000.0, "task");

            host.Clock.Advance(TimeSpan.FromMinutes(31));
            var outbox1 = await host.CountAsync("SELECT count(*) FROM outbox_messages");
            var (escalated, escalationCpu) = await TimeAsync(host, hz, () => overdue.SweepOnceAsync(CancellationToken.None));
            var escalations = await host.CountAsync("SELECT count(*) FROM outbox_messages") - outbox1;
            Row("overdue sweep 31 min later: escalation pass (one per hall, the rest held back by the cool-down)",
                $"{escalated:N0} tasks escalated or held back, {escalations:N0} events", escalationCpu, Math.Max(1, escalated) / 1000.0, "task");

            report.AppendLine(CultureInfo.InvariantCulture, $"## Day generation and sweeps (in process)");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"Sanitation's own classes (`TaskDays`, `DueTaskSweep`, `OverdueSweep`) in the load generator's process, registered as the service registers them, on a fresh database `{database}` ({(keep ? "kept" : "dropped afterwards")}) and a test clock; no broker (events stay in the outbox). {hallCount} halls × {zones} zones (per 50: 6 service floors, 4 waiting areas, 2 entrance queues, 2 security checks, 6 self-service, 4 meeting rooms without meetings, 1 canteen, 14 offices, 8 restrooms, 1 isolation room, 2 courier points), open Monday–Friday 09:00–17:00 Asia/Shanghai, the default plan; the day is {date:yyyy-MM-dd} ({date.DayOfWeek}), the clock at 00:01 local until the overdue phases. A warm-up (20 halls, another day, deleted) goes first. CPU: this process (service code, EF Core) and the PostgreSQL server processes of the database, per unit of work.");
            report.AppendLine();
            report.AppendLine("| measurement | result | wall time | CPU, this process | CPU, PostgreSQL |");
            report.AppendLine("|---|---|---|---|---|");
            body.ForEach(line => report.AppendLine(line));
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Open tasks when the overdue sweep ran: {open:N0} (state `due`; today's and tomorrow's of every hall).");
            report.AppendLine();
        }
        finally
        {
            if (!keep)
            {
                await host.DropAsync();
            }
        }

        await File.WriteAllTextAsync(output, report.ToString());
        return 0;
    }

    private static async Task SeedAsync(SanitationHost host, List<string> halls, int zones)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SanitationDbContext>();
        var now = host.Clock.GetUtcNow();
        foreach (var hallId in halls)
        {
            var hall = new KnownHall { HallId = hallId };
            hall.Apply(BenchHalls.Configured(hallId, zones, now), now);
            db.Halls.Add(hall);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>JIT and pools: 20 halls generated for a day a week later, twice, then those rows deleted.</summary>
    private static async Task WarmUpAsync(SanitationHost host, List<string> halls, DateOnly date)
    {
        var later = date.AddDays(7);
        for (var round = 0; round < 2; round++)
        {
            foreach (var hallId in halls.Take(20))
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TaskDays>().RegenerateAsync(hallId, later, CancellationToken.None);
            }
        }

        var day = later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await host.CountAsync($"WITH t AS (DELETE FROM sanitation_tasks WHERE local_date = '{day}' RETURNING 1), g AS (DELETE FROM sanitation_generated_days WHERE local_date = '{day}' RETURNING 1) SELECT (SELECT count(*) FROM t) + (SELECT count(*) FROM g)");
    }

    private static async Task<(List<double> Ms, int Rows, (double WallMs, double ProcessMs, double PostgresMs) Cpu)> RegenerateAllAsync(
        SanitationHost host, List<string> halls, DateOnly date, int hz)
    {
        var ms = new List<double>(halls.Count);
        var rows = 0;
        var timer = await PhaseTimer.StartAsync(host.DatabaseName, hz);
        foreach (var hallId in halls)
        {
            var started = Stopwatch.GetTimestamp();
            await using var scope = host.Services.CreateAsyncScope();
            rows += await scope.ServiceProvider.GetRequiredService<TaskDays>().RegenerateAsync(hallId, date, CancellationToken.None);
            ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (ms, rows, await timer.StopAsync());
    }

    private static async Task<(int Rows, (double WallMs, double ProcessMs, double PostgresMs) Cpu)> TimeAsync(SanitationHost host, int hz, Func<Task<int>> pass)
    {
        var timer = await PhaseTimer.StartAsync(host.DatabaseName, hz);
        var rows = await pass();
        return (rows, await timer.StopAsync());
    }

    private static async Task<(Percentiles Ms, int Rows, (double WallMs, double ProcessMs, double PostgresMs) Cpu)> RepeatAsync(
        SanitationHost host, int hz, int times, Func<Task<int>> pass)
    {
        var ms = new List<double>(times);
        var rows = 0;
        var timer = await PhaseTimer.StartAsync(host.DatabaseName, hz);
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            rows += await pass();
            ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (new Percentiles(ms), rows, await timer.StopAsync());
    }

    private static void Log(string message) => Console.Error.WriteLine($"[bench-sanitation {DateTime.Now:HH:mm:ss}] {message}");
}
