using System.Diagnostics;
using System.Text.Json;
using CivicHall.Booking.Data;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging;
using CivicHall.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// Writes a booking through <c>booking_confirm</c>: one round trip that takes a quota token and a seat
/// (or refuses), counts the person's active bookings, records the idempotency key and writes the
/// booking and its <see cref="BookingConfirmed"/> outbox row, all in one transaction.
/// </summary>
public sealed class BookingStore(BookingDbContext db, OutboxSignal outboxSignal)
{
    private static readonly JsonSerializerOptions RowJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<BookingOutcome> ConfirmAsync(
        Booking booking,
        BookingConfirmed confirmed,
        long catalogVersion,
        bool useReserved,
        bool takePlaces,
        int? maxActive,
        string scope,
        string idempotencyKey,
        string requestHash,
        DateTimeOffset now,
        int? greenChannelLimit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(confirmed);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(
                "SELECT outcome, booking_id FROM booking_confirm($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)", connection);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(booking, RowJson) });
            command.Parameters.Add(new NpgsqlParameter { Value = useReserved });
            command.Parameters.Add(new NpgsqlParameter { Value = takePlaces });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)maxActive ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = scope });
            command.Parameters.Add(new NpgsqlParameter { Value = idempotencyKey });
            command.Parameters.Add(new NpgsqlParameter { Value = requestHash });
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(now) });
            command.Parameters.Add(new NpgsqlParameter { Value = IntegrationEventTypes.NameOf(typeof(BookingConfirmed)) });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = OutboxPayload.Serialize(confirmed) });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)Activity.Current?.Id ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)greenChannelLimit ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = catalogVersion });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var outcome = new BookingOutcome(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetGuid(1));
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
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
