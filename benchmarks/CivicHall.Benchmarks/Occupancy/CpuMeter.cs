using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>
/// CPU time (user + system) of the parts of the system during a phase, from /proc as benchmarks/lib.sh
/// counts it: the occupancy process, the PostgreSQL server processes of the occupancy database, RabbitMQ
/// (beam.smp), the gateway, this load generator (with the server process of its own LISTEN connection,
/// which is an instrument, not the system), and the whole host.
/// </summary>
internal sealed class CpuMeter(int occupancyPid, int gatewayPid, int listenerPid, int ticksPerSecond, string database)
{
    public sealed record Reading(
        double OccupancyMs, double PostgresMs, double RabbitMs, double GatewayMs, double GeneratorMs, double HostBusyMs, double HostTotalMs);

    private sealed record Snapshot(
        long Occupancy, Dictionary<int, long> Postgres, long Rabbit, long Gateway, TimeSpan Generator, long HostBusy, long HostTotal);

    private Snapshot? _start;

    public async Task StartAsync() => _start = await SnapshotAsync();

    public async Task<Reading> StopAsync()
    {
        var start = _start ?? throw new InvalidOperationException("Not started.");
        var end = await SnapshotAsync();
        var postgres = end.Postgres.Where(p => p.Key != listenerPid).Sum(p => p.Value - start.Postgres.GetValueOrDefault(p.Key));
        var listener = end.Postgres.GetValueOrDefault(listenerPid) - start.Postgres.GetValueOrDefault(listenerPid);
        double Ms(long ticks) => ticks * 1000.0 / ticksPerSecond;
        return new Reading(
            Ms(end.Occupancy - start.Occupancy), Ms(postgres), Ms(end.Rabbit - start.Rabbit), Ms(end.Gateway - start.Gateway),
            (end.Generator - start.Generator).TotalMilliseconds + Ms(listener), Ms(end.HostBusy - start.HostBusy), Ms(end.HostTotal - start.HostTotal));
    }

    /// <summary>Clock ticks used so far by each PostgreSQL server process of <paramref name="database"/>, by pid.</summary>
    internal static async Task<Dictionary<int, long>> PostgresTicksAsync(string database)
    {
        var postgres = new Dictionary<int, long>();
        await using var connection = new NpgsqlConnection(Database.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue(database);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            postgres[pid] = Ticks(pid);
        }

        return postgres;
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        var postgres = await PostgresTicksAsync(database);
        var rabbit = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && Comm(pid) == "beam.smp")
            .Sum(Ticks);
        var (busy, total) = HostTicks();
        return new Snapshot(Ticks(occupancyPid), postgres, rabbit, Ticks(gatewayPid), Process.GetCurrentProcess().TotalProcessorTime, busy, total);
    }

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of a process in clock ticks (fields 14 and 15 of /proc/PID/stat), 0 when gone.</summary>
    internal static long Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static (long Busy, long Total) HostTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq: busy excludes idle and iowait, as lib.sh's host_ticks.
        return (cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6], cpu[0] + cpu[1] + cpu[2] + cpu[3] + cpu[4] + cpu[5] + cpu[6]);
    }
}
