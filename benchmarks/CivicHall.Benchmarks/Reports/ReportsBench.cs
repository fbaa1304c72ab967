using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CivicHall.Benchmarks.Occupancy;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Incident.Data;
using CivicHall.Incident.Reports;
using CivicHall.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CivicHall.Benchmarks.Reports;

/// <summary>
/// The city-wide daily report (日报告) over <c>--halls</c> halls (200): <c>--calls</c> (50) reads of one date's
/// view as <c>GET /api/v1/reports/daily?date=</c> makes it (<see cref="DailyReportStore.CityAsync"/>: the known
/// halls, the date's reports, the totals, one page of every hall) and its JSON, each in a scope of its own (a
/// request's), on a fresh database of its own (<c>incident_bench_&lt;run&gt;</c>, migrated with incident's
/// migrations) seeded with one published report per hall. In process: no HTTP, gateway or token check. Target ≤ 2 s.
/// Writes the report's section (markdown) to <c>--out</c>; measures, asserts nothing.
/// </summary>
internal static class ReportsBench
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

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
        var calls = Number("--calls", 50);
        var output = Text("--out", "reports-inprocess.md");
        var date = new DateOnly(2026, 12, 1);
        var database = $"incident_bench_{runId}";
        var connection = $"Host=localhost;Port=5432;Database={database};Username=civichall;Password=civichall;SSL Mode=Disable";

        await using (var admin = new NpgsqlConnection(connection.Replace(database, "postgres", StringComparison.Ordinal)))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE); CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:incident"] = connection;
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<IncidentDbContext>("incident");
        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IncidentDbContext>();
            await db.Database.MigrateAsync();
            await SeedAsync(db, runId, hallCount, date);
        }

        var ms = new List<double>();
        long bytes = 0;
        for (var i = 0; i < calls + 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var scope = host.Services.CreateAsyncScope();
            var view = await DailyReportStore.CityAsync(scope.ServiceProvider.GetRequiredService<IncidentDbContext>(), date, DailyReportEndpoints.MaxLimit, null, CancellationToken.None);
            bytes = JsonSerializer.SerializeToUtf8Bytes(view, Web).Length;
            watch.Stop();
            if (i >= 3)
            {
                // The first calls compile the code; a running service has done that long before.
                ms.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var p = new Percentiles(ms);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Daily report benchmark — {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {Environment.ProcessorCount} cores")
            .AppendLine()
            .AppendLine("| measurement | result | target |")
            .AppendLine("|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| city-wide daily report, {hallCount} halls, {calls} reads (in process, JSON {bytes / 1024.0:0} KiB): p50 / p90 / p99 / max | {p.Summary()} | ≤ 2 s |")
            .ToString();
        await File.WriteAllTextAsync(output, report);
        Console.WriteLine(report);
        await using (var admin = new NpgsqlConnection(connection.Replace(database, "postgres", StringComparison.Ordinal)))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        return 0;
    }

    /// <summary>The halls (as the hall directory holds them) and one published report each, with every section in.</summary>
    private static async Task SeedAsync(IncidentDbContext db, string runId, int hallCount, DateOnly date)
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= hallCount; i++)
        {
            var hallId = $"bench-{runId}-rep-{i:D3}";
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO known_halls (hall_id, version, name, district, time_zone, on_site_state, opening_hours, overrides, zones, configured_at, updated_at)
                VALUES ({hallId}, 1, {"大厅 " + i}, '青浦区', 'Asia/Shanghai', 'open', '[]'::jsonb, '[]'::jsonb, '[]'::jsonb, {now}, {now})
                """);
            var report = await DailyReportStore.LockAsync(db, hallId, date, "Asia/Shanghai", now, CancellationToken.None);
            report.Apply(ReportSources.Screening, 1, new DailyScreeningFigures(1200 + i, 1150, 20, 15, 10, i % 7 == 0 ? 1 : 0, 12,
                new Dictionary<string, int>(StringComparer.Ordinal) { ["temperature.retest"] = 15, ["mask.missing"] = 8, ["health_code.yellow"] = 4 }), now);
            report.Apply(ReportSources.Occupancy, 1, new DailyOccupancyFigures(1100, 12, 1098, 240, now, 60, now), now);
            report.Apply(ReportSources.Booking, 1, new DailyBookingFigures(900, 820, 50, 30,
                new Dictionary<string, int>(StringComparer.Ordinal) { ["app"] = 500, ["portal"] = 250, ["phone"] = 100, ["on_site"] = 50 }), now);
            report.Apply(ReportSources.Sanitation, 1, new DailySanitationFigures(120, 115, 3, i % 11 == 0 ? 1 : 0, 0, ["n95"], 2), now);
            report.Publish(new DailyIncidentFigures(1, new Dictionary<string, int>(StringComparer.Ordinal) { ["abnormal_screening"] = 1 }, 0, 1), [], now);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
