using Npgsql;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>
/// The occupancy database against what the load generator sent, per hall, after a phase: nothing over
/// capacity, every admission sent is one row (inside, queued, exited or turned away), the hall's counters
/// and its zones' counts agree with the rows, every exit answered 200 is one exited row.
/// </summary>
internal static class FloorCheck
{
    public sealed record HallRow(
        string HallId, int Inside, int Capacity, int QueueLength, long Sequence, int Rows, int InsideRows, int QueuedRows, int ExitedRows,
        int TurnedAwayRows, int ZoneSum, int ZonesOff, int OpenPresences);

    public sealed record Result(int Halls, int HallsOk, int Sent, int Rows, int Inside, int Queued, int Exited, int TurnedAway, int WorstOverCapacity, IReadOnlyList<string> Problems)
    {
        public IReadOnlyDictionary<string, long> Sequences { get; init; } = new Dictionary<string, long>();
    }

    public static async Task<Result> RunAsync(IReadOnlyList<HallFlow> halls, int publishErrors)
    {
        var rows = new Dictionary<string, HallRow>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection(Database.ConnectionString(Database.Of("occupancy"))))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT h.hall_id, h.inside, h.capacity, h.queue_length, h.sequence,
                       a.total, a.inside, a.queued, a.exited, a.turned_away,
                       (SELECT coalesce(sum(z.count), 0)::int FROM occupancy_zones z WHERE z.hall_id = h.hall_id),
                       (SELECT count(*)::int FROM occupancy_zones z WHERE z.hall_id = h.hall_id
                          AND z.count <> (SELECT count(*) FROM admissions x WHERE x.hall_id = z.hall_id AND x.zone_id = z.zone_id AND x.state = 'inside')),
                       (SELECT count(*)::int FROM zone_presences p WHERE p.hall_id = h.hall_id AND p.left_at IS NULL)
                FROM hall_occupancy h
                CROSS JOIN LATERAL (
                    SELECT count(*)::int AS total,
                           count(*) FILTER (WHERE x.state = 'inside')::int AS inside,
                           count(*) FILTER (WHERE x.state = 'queued')::int AS queued,
                           count(*) FILTER (WHERE x.state = 'exited')::int AS exited,
                           count(*) FILTER (WHERE x.state = 'turned_away')::int AS turned_away
                    FROM admissions x WHERE x.hall_id = h.hall_id) a
                WHERE h.hall_id = ANY ($1)
                """,
                connection);
            command.Parameters.AddWithValue(halls.Select(h => h.HallId).ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new HallRow(
                    reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4), reader.GetInt32(5),
                    reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12));
                rows[row.HallId] = row;
            }
        }

        var problems = new List<string>();
        var ok = 0;
        foreach (var hall in halls)
        {
            if (!rows.TryGetValue(hall.HallId, out var row))
            {
                problems.Add($"{hall.HallId}: no hall_occupancy row");
                continue;
            }

            var before = problems.Count;
            void Check(bool condition, string problem)
            {
                if (!condition)
                {
                    problems.Add($"{hall.HallId}: {problem}");
                }
            }

            Check(row.Inside <= row.Capacity && hall.WorstOverCapacity <= 0, $"over capacity (inside {row.Inside} of {row.Capacity} now, worst announced {hall.WorstOverCapacity:+0;-0;0})");
            Check(row.Rows == hall.Published, $"{row.Rows} admission rows, {hall.Published} admissions sent");
            Check(row.InsideRows + row.QueuedRows + row.ExitedRows + row.TurnedAwayRows == row.Rows, "rows in other states");
            Check(row.Inside == row.InsideRows, $"counter inside {row.Inside}, rows inside {row.InsideRows}");
            Check(row.QueueLength == row.QueuedRows, $"counter queue {row.QueueLength}, rows queued {row.QueuedRows}");
            Check(row.ZoneSum == row.InsideRows && row.ZonesOff == 0, $"zone counts {row.ZoneSum} ({row.ZonesOff} zones off), rows inside {row.InsideRows}");
            Check(row.OpenPresences == row.InsideRows, $"{row.OpenPresences} open zone presences, rows inside {row.InsideRows}");
            Check(row.ExitedRows == hall.ExitsOk, $"{row.ExitedRows} exited rows, {hall.ExitsOk} exits answered 200");
            if (problems.Count == before)
            {
                ok++;
            }
        }

        return new Result(
            halls.Count, ok, halls.Sum(h => h.Published) - publishErrors, rows.Values.Sum(r => r.Rows), rows.Values.Sum(r => r.InsideRows),
            rows.Values.Sum(r => r.QueuedRows), rows.Values.Sum(r => r.ExitedRows), rows.Values.Sum(r => r.TurnedAwayRows),
            halls.Max(h => h.WorstOverCapacity), problems)
        {
            Sequences = rows.Values.ToDictionary(r => r.HallId, r => r.Sequence, StringComparer.Ordinal),
        };
    }

    /// <summary>Admission id, person key, arrived and exited (µs since the epoch) of the halls' rows: the join from a change's <c>at</c> to its movement.</summary>
    public static async Task<List<(Guid Id, string PersonKey, long ArrivedMicros, long? ExitedMicros)>> MovementsAsync(IEnumerable<string> hallIds)
    {
        var result = new List<(Guid, string, long, long?)>();
        await using var connection = new NpgsqlConnection(Database.ConnectionString(Database.Of("occupancy")));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, person_key, arrived_at, exited_at FROM admissions WHERE hall_id = ANY ($1)", connection);
        command.Parameters.AddWithValue(hallIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetGuid(0), reader.GetString(1), Notifications.Micros(reader.GetDateTime(2)),
                reader.IsDBNull(3) ? null : Notifications.Micros(reader.GetDateTime(3))));
        }

        return result;
    }
}
