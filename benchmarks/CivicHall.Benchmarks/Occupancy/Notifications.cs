using System.Text.Json;
using Npgsql;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>
/// <c>LISTEN civichall_occupancy</c> on the occupancy database: the notification every movement sends at
/// its commit (the live feed's source). Tells the running load which admissions were counted and when,
/// and every count the floor reported, so a count over capacity would be seen even if later corrected.
/// </summary>
internal sealed class Notifications : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection = new(Database.ConnectionString(Database.Of("occupancy")) + ";Keepalive=10");
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>The PostgreSQL server process of the listening connection (the load generator's, not the system's CPU).</summary>
    public int ProcessId => _connection.ProcessID;

    /// <summary>The load that receives the changes now (null between phases).</summary>
    public FloorLoad? Target { get; set; }

    public async Task StartAsync()
    {
        await _connection.OpenAsync();
        _connection.Notification += (_, e) => Target?.OnChange(Parse(e.Payload));
        await using (var listen = new NpgsqlCommand("LISTEN civichall_occupancy", _connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        _loop = Task.Run(async () =>
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    await _connection.WaitAsync(_stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private static FloorChange Parse(string payload)
    {
        var received = DateTime.UtcNow.Ticks;
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        return new FloorChange(
            root.GetProperty("hallId").GetString()!, root.GetProperty("sequence").GetInt64(), root.GetProperty("change").GetString()!,
            Micros(root.GetProperty("at").GetDateTimeOffset()), root.GetProperty("inside").GetInt32(), root.GetProperty("capacity").GetInt32(),
            root.GetProperty("queueLength").GetInt32(), received);
    }

    /// <summary>Microseconds since the epoch, PostgreSQL's precision (the key that joins a change to its movement).</summary>
    public static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static long Micros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>One numbered change of a hall as the database announced it; <see cref="ReceivedTicks"/> in UTC ticks.</summary>
internal sealed record FloorChange(string HallId, long Sequence, string Change, long AtMicros, int Inside, int Capacity, int QueueLength, long ReceivedTicks);
