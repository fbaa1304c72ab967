using System.Diagnostics;
using System.Text.Json;
using CivicHall.Booking.Agents;
using CivicHall.Booking.Policies;
using CivicHall.Booking.Slots;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// Writes bookings through <c>booking_confirm</c>: one round trip per booking that takes a unit of the day's quota
/// and a place in the slot (or refuses), counts the person's active bookings, records the idempotency key and
/// writes the booking and its <see cref="BookingConfirmed"/> outbox row, all in one transaction.
/// </summary>
public sealed class BookingStore(BookingDbContext db, OutboxSignal outboxSignal, TimeProvider timeProvider, ITicketLine queue)
{
    private static readonly JsonSerializerOptions RowJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<BookingOutcome> ConfirmAsync(BookingWrite write, BookingTerms terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(terms);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // One statement, one transaction: a deadlock or serialization failure rolled it back whole.
            return await TransientRetry.RunAsync(async () =>
            {
                try
                {
                    var outcome = await ExecuteAsync(connection, null, write, terms, cancellationToken);
                    if (outcome.Outcome == BookingOutcome.Confirmed)
                    {
                        outboxSignal.Pulse();
                    }

                    return outcome;
                }
                catch (PostgresException ex) when (ex.SqlState == "CH409")
                {
                    return new BookingOutcome(ex.MessageText, null);
                }
            });
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Books every write of a batch in one transaction, or none: the first refusal rolls the batch back
    /// and is returned with the index of the write it refused. A batch whose writes were all made
    /// before under their keys answers <see cref="BookingOutcome.Replayed"/> with the earlier ids.
    /// </summary>
    public async Task<BatchOutcome> ConfirmBatchAsync(IReadOnlyList<BookingWrite> writes, BookingTerms terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(terms);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Two batches that share people can lock them in opposite orders; the loser runs again.
            return await TransientRetry.RunAsync(() => ConfirmBatchOnceAsync(connection, writes, terms, cancellationToken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A booking to change (tracked), or null.</summary>
    public Task<Booking?> FindAsync(Guid bookingId, CancellationToken cancellationToken) =>
        db.Bookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);

    /// <summary>A booking to show (not tracked), or null.</summary>
    public Task<Booking?> ReadAsync(Guid bookingId, CancellationToken cancellationToken) =>
        db.Bookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);

    /// <summary>Bookings to show (not tracked), by id.</summary>
    public Task<Dictionary<Guid, Booking>> ReadAsync(IReadOnlyList<Guid> bookingIds, CancellationToken cancellationToken) =>
        db.Bookings.AsNoTracking().Where(b => bookingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);

    /// <summary>The key a caller recorded a write under, or null when it has none.</summary>
    public Task<IdempotencyKey?> IdempotencyKeyAsync(string scope, string key, CancellationToken cancellationToken) =>
        db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Scope == scope && k.Key == key, cancellationToken);
    /// <summary>Where a checked-in booking's ticket is in its group's queue now, or null.</summary>
    public Task<QueuePlace?> QueuePlaceAsync(Booking booking, CancellationToken cancellationToken) =>
        queue.PlaceOfAsync(booking, timeProvider.GetUtcNow(), cancellationToken);

    /// <summary>The registration of an agent (帮办代办), or null when it has none.</summary>
    public Task<Agent?> AgentAsync(string agentId, CancellationToken cancellationToken) =>
        db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.AgentId == agentId, cancellationToken);

    /// <summary>The hall a booking is at, for its local times.</summary>
    public async Task<HallDay> HallOfAsync(Booking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return HallDay.Of(await db.Halls.AsNoTracking().FirstAsync(h => h.HallId == booking.HallId, cancellationToken));
    }

    /// <summary>The policy in force at a booking's hall now (null while it has none).</summary>
    public Task<BookingPolicy?> PolicyAtAsync(Booking booking, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return BookingPolicies.InForceAsync(db, booking.HallId, now, cancellationToken);
    }

    /// <summary>
    /// Saves a cancellation (<see cref="Booking.Cancel"/>) with its <see cref="BookingCancelled"/> and gives back its place, its
    /// unit of the day's quota and the person's active place, in one transaction. False when another request changed the
    /// booking since it was read (nothing saved).
    /// </summary>
    public async Task<bool> SaveCancelledAsync(Booking booking, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AddIntegrationEvent(BookingEvents.Cancelled(booking, now), timeProvider);
        if (!await TrySaveAsync(cancellationToken))
        {
            return false;
        }

        await BookingPlaces.ReleaseAsync(db, booking, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Checks a booking in with the next queue ticket of its hall's day (unique and consecutive) and saves it with its
    /// <see cref="BookingCheckedIn"/>, in one transaction. False when another request changed the booking since it was read.
    /// </summary>
    public async Task<bool> SaveCheckedInAsync(Booking booking, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await db.Database.SqlQuery<int>($"""
            INSERT INTO ticket_counters AS c (hall_id, date, last) VALUES ({booking.HallId}, {booking.Date}, 1)
            ON CONFLICT (hall_id, date) DO UPDATE SET last = c.last + 1
            RETURNING last AS "Value"
            """).ToListAsync(cancellationToken);
        booking.CheckIn(ticket[0], now);
        queue.Join(booking, now);
        db.AddIntegrationEvent(BookingEvents.CheckedIn(booking, now), timeProvider);
        if (!await TrySaveAsync(cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Saves a serve (<see cref="Booking.Serve"/>) with its <see cref="BookingServed"/> and gives the person's active place back,
    /// in one transaction. When another request changed the booking first, nothing is saved and the booking is answered as that
    /// request left it.
    /// </summary>
    public async Task<(bool Saved, Booking Current)> SaveServedAsync(Booking booking, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AddIntegrationEvent(BookingEvents.Served(booking, now), timeProvider);
        if (!await TrySaveAsync(cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (false, await db.Bookings.AsNoTracking().FirstAsync(b => b.Id == booking.Id, cancellationToken));
        }

        await BookingPlaces.ReleasePersonAsync(db, booking.PersonKey, cancellationToken);
        await queue.CloseServedAsync(booking, booking.ServedBy ?? string.Empty, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (true, booking);
    }

    /// <summary>Saves tracked changes, conditional on the revision read: false when another request changed the row first.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private async Task<BatchOutcome> ConfirmBatchOnceAsync(
        NpgsqlConnection connection, IReadOnlyList<BookingWrite> writes, BookingTerms terms, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<Guid>(writes.Count);
        string? kind = null;
        for (var i = 0; i < writes.Count; i++)
        {
            BookingOutcome outcome;
            try
            {
                outcome = await ExecuteAsync(connection, transaction, writes[i], terms, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == "CH409")
            {
                await transaction.RollbackAsync(cancellationToken);
                return new BatchOutcome(ex.MessageText, i, []);
            }

            // A batch is all new or all replayed: any mix means its keys met another request.
            kind ??= outcome.Outcome;
            if (outcome.Outcome is not (BookingOutcome.Confirmed or BookingOutcome.Replayed) || outcome.Outcome != kind)
            {
                await transaction.RollbackAsync(cancellationToken);
                var reason = outcome.Outcome is BookingOutcome.Confirmed or BookingOutcome.Replayed ? BookingOutcome.IdempotencyConflict : outcome.Outcome;
                return new BatchOutcome(reason, i, []);
            }

            ids.Add(outcome.BookingId!.Value);
        }

        await transaction.CommitAsync(cancellationToken);
        if (kind == BookingOutcome.Confirmed)
        {
            outboxSignal.Pulse();
        }

        return new BatchOutcome(kind ?? BookingOutcome.Confirmed, null, ids);
    }

    private static async Task<BookingOutcome> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, BookingWrite write, BookingTerms terms, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT outcome, booking_id FROM booking_confirm(
                p_booking => $1, p_use_reserved => $2, p_take_places => $3, p_max_active => $4, p_idem_scope => $5,
                p_idem_key => $6, p_request_hash => $7, p_event_id => $8, p_event_type => $9, p_event_payload => $10,
                p_trace_parent => $11, p_now => $12, p_green_limit => $13, p_catalog_version => $14)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(write.Booking, RowJson) });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.UseReserved });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.TakePlaces });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)terms.MaxActive ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.Scope });
        command.Parameters.Add(new NpgsqlParameter { Value = write.IdempotencyKey });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.RequestHash });
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(terms.Now) });
        command.Parameters.Add(new NpgsqlParameter { Value = IntegrationEventTypes.NameOf(typeof(BookingConfirmed)) });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = OutboxPayload.Serialize(write.Confirmed) });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)Activity.Current?.Id ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.Now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)terms.GreenChannelLimit ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.CatalogVersion });
        await command.PrepareAsync(cancellationToken); // once per connection (see DatabaseExtensions.SessionSettings)
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new BookingOutcome(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetGuid(1));
    }
}

/// <summary>One booking to write, its event and the idempotency key it is recorded under.</summary>
public sealed record BookingWrite(Booking Booking, BookingConfirmed Confirmed, string IdempotencyKey);

/// <summary>
/// The terms every write of a request is made under: which places it may take, the limits of the policy
/// it was decided on (at <see cref="CatalogVersion"/>), and who asked with which request hash.
/// </summary>
public sealed record BookingTerms(
    long CatalogVersion,
    bool UseReserved,
    bool TakePlaces,
    int? MaxActive,
    int? GreenChannelLimit,
    string Scope,
    string RequestHash,
    DateTimeOffset Now);

/// <summary>What a batch came to: every id, or the refusal and the index of the write it refused.</summary>
public sealed record BatchOutcome(string Outcome, int? RefusedAt, IReadOnlyList<Guid> BookingIds);
