using System.Diagnostics;
using CivicHall.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CivicHall.Occupancy.Floor;

/// <summary>
/// The floor's movements, each one call of its <c>occupancy_*</c> database function on the context's
/// connection (and in its transaction, when one is under way, as in an inbox consumer). Each function
/// locks the hall's row first, so a hall's movements apply one after the other and no count passes its
/// capacity under any concurrency; each numbers its changes for the live feed and writes its events
/// to the outbox in the same transaction.
/// </summary>
public sealed class FloorStore(OccupancyDbContext db, OutboxCommitInterceptor outbox, TimeProvider timeProvider)
{
    /// <summary>
    /// People through screening reach the door, in this order: one <c>occupancy_admit</c> each, sent
    /// together in one round trip (in the caller's transaction, as an inbox group is). Their outcomes in
    /// the same order: inside, queued, turned_away:&lt;reason&gt;, duplicate, already_present or hall_unknown.
    /// </summary>
    public Task<IReadOnlyList<string>> AdmitAllAsync(IReadOnlyList<Arrival> arrivals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        return WithConnectionAsync<IReadOnlyList<string>>(async connection =>
        {
            var now = Now;
            await using var batch = new NpgsqlBatch(connection, CurrentTransaction);
            foreach (var arrival in arrivals)
            {
                var command = new NpgsqlBatchCommand("SELECT occupancy_admit(p_id => $1, p_hall => $2, p_person_key => $3, p_kind => $4, p_priority => $5, p_lane => $6, p_now => $7, p_trace => $8)");
                AddArguments(
                    command.Parameters,
                    [arrival.AdmissionId, arrival.HallId, arrival.PersonKey, arrival.PersonKind, Nullable(arrival.PriorityGroup), Nullable(arrival.Lane), now,
                     arrival.TraceParent is null ? Trace : Nullable(arrival.TraceParent)]);
                batch.BatchCommands.Add(command);
            }

            var outcomes = new List<string>(arrivals.Count);
            await batch.PrepareAsync(cancellationToken); // once per connection (see DatabaseExtensions.SessionSettings)
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                await reader.ReadAsync(cancellationToken);
                outcomes.Add(reader.GetString(0));
            }
            while (await reader.NextResultAsync(cancellationToken));

            return outcomes;
        });
    }

    /// <summary>A person leaves; the outcome carries the hall's totals after it (and after anyone it let in).</summary>
    public async Task<ExitOutcome> ExitAsync(string hallId, string personKey, Guid? exitId, string? gate, CancellationToken cancellationToken)
    {
        return await WithConnectionAsync(async connection =>
        {
            await using var command = Command(
                connection, "SELECT outcome, exited_admission, from_zone, let_in, inside, queue_length FROM occupancy_exit(p_hall => $1, p_person_key => $2, p_exit_id => $3, p_gate => $4, p_now => $5, p_trace => $6)",
                [hallId, personKey, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)exitId ?? DBNull.Value }, Nullable(gate), Now, Trace]);
            await command.PrepareAsync(cancellationToken);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new ExitOutcome(
                reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? 0 : reader.GetInt32(4), reader.IsDBNull(5) ? 0 : reader.GetInt32(5));
        });
    }

    public Task<string> MoveAsync(string hallId, string personKey, string toZoneId, CancellationToken cancellationToken) =>
        ScalarAsync<string>("SELECT occupancy_move(p_hall => $1, p_person_key => $2, p_to_zone => $3, p_now => $4, p_trace => $5)", [hallId, personKey, toZoneId, Now, Trace], cancellationToken);

    /// <summary>Closes a zone: closed, already_closed, zone_unknown or hall_unknown; <c>ZoneClosed</c> carries <paramref name="containmentId"/> (incident's order).</summary>
    public Task<string> CloseZoneAsync(string hallId, string zoneId, string reason, string? incidentId, Guid? containmentId, CancellationToken cancellationToken) =>
        ScalarAsync<string>(
            "SELECT occupancy_close_zone(p_hall => $1, p_zone => $2, p_reason => $3, p_incident => $4, p_now => $5, p_trace => $6, p_containment => $7)",
            [hallId, zoneId, reason, Nullable(incidentId), Now, Trace, new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)containmentId ?? DBNull.Value }],
            cancellationToken);

    public Task<string> ReopenZoneAsync(string hallId, string zoneId, string reopenedBy, string? overriddenBy, CancellationToken cancellationToken) =>
        ScalarAsync<string>(
            "SELECT occupancy_reopen_zone(p_hall => $1, p_zone => $2, p_by => $3, p_overridden_by => $4, p_now => $5, p_trace => $6)", [hallId, zoneId, reopenedBy, Nullable(overriddenBy), Now, Trace], cancellationToken);

    /// <summary>Suspends or resumes on-site service; the number of queued people sent away, or -1 for an unknown hall.</summary>
    public Task<int> SetOnSiteStateAsync(string hallId, string state, CancellationToken cancellationToken) =>
        ScalarAsync<int>("SELECT occupancy_set_on_site(p_hall => $1, p_state => $2, p_now => $3, p_trace => $4)", [hallId, state, Now, Trace], cancellationToken);

    /// <summary>Someone in the door queue goes away: left, not_queued or hall_unknown.</summary>
    public Task<string> LeaveQueueAsync(string hallId, Guid admissionId, CancellationToken cancellationToken) =>
        ScalarAsync<string>("SELECT occupancy_leave_queue(p_hall => $1, p_admission => $2, p_now => $3)", [hallId, admissionId, Now], cancellationToken);

    /// <summary>Lets in the head of the queue while there is room (after capacity grew).</summary>
    public Task<int> AdvanceQueueAsync(string hallId, CancellationToken cancellationToken) =>
        ScalarAsync<int>("SELECT occupancy_advance_queue(p_hall => $1, p_now => $2, p_trace => $3)", [hallId, Now, Trace], cancellationToken);

    /// <summary>Numbers a change the caller made under the hall's lock and tells the live feed.</summary>
    public Task<long> ChangedAsync(string hallId, string change, IReadOnlyList<string> zoneIds, CancellationToken cancellationToken) =>
        ScalarAsync<long>("SELECT occupancy_changed(p_hall => $1, p_change => $2, p_zones => $3, p_now => $4)", [hallId, change, zoneIds.ToArray(), Now], cancellationToken);

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private static NpgsqlParameter Trace => Nullable(Activity.Current?.Id);

    private static NpgsqlParameter Nullable(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private Task<T> ScalarAsync<T>(string sql, object[] arguments, CancellationToken cancellationToken) =>
        WithConnectionAsync(async connection =>
        {
            await using var command = Command(connection, sql, arguments);
            await command.PrepareAsync(cancellationToken);
            return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
        });

    private NpgsqlTransaction? CurrentTransaction => db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] arguments)
    {
        var command = new NpgsqlCommand(sql, connection, CurrentTransaction);
        AddArguments(command.Parameters, arguments);
        return command;
    }

    private static void AddArguments(NpgsqlParameterCollection parameters, object[] arguments)
    {
        foreach (var argument in arguments)
        {
            parameters.Add(argument as NpgsqlParameter ?? new NpgsqlParameter { Value = argument });
        }
    }

    /// <summary>
    /// Runs on the context's connection; every function may write outbox rows, so the relay is woken
    /// after the commit. A call that is its own transaction is tried again when PostgreSQL rolled it
    /// back for a deadlock or a serialization failure (nothing of it stayed); inside the caller's
    /// transaction the caller decides.
    /// </summary>
    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> work)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            return await TransientRetry.RunAsync(
                async () =>
                {
                    var result = await work((NpgsqlConnection)db.Database.GetDbConnection());
                    outbox.RowsWrittenBySql(db);
                    return result;
                },
                mayRetry: () => db.Database.CurrentTransaction is null);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// What an exit came to: exited (and how many the queue let in), replayed, exit_id_reused, not_inside or
/// hall_unknown; with the hall's people inside and queue length as of the exit's commit.
/// </summary>
public sealed record ExitOutcome(string Outcome, Guid? AdmissionId, string? ZoneId, int LetIn, int Inside, int QueueLength);

/// <summary>
/// A person through screening at the door (from <c>PersonAdmitted</c>); the screening's id is the admission's.
/// <see cref="TraceParent"/> is the trace the event arrived in: the events the admission writes carry it on
/// (else the current span's).
/// </summary>
public sealed record Arrival(Guid AdmissionId, string HallId, string PersonKey, string PersonKind, string? PriorityGroup, string? Lane, string? TraceParent = null);
