using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace CivicHall.Booking.Bookings;

/// <summary>
/// Moves a booking to another slot (改约) through <c>booking_reschedule</c>: one statement, one transaction that takes
/// the new place, gives the old one back and writes the booking and its <see cref="BookingMoved"/> outbox row.
/// </summary>
public sealed class RescheduleStore(BookingDbContext db, OutboxSignal outboxSignal)
{
    /// <summary>What <c>booking_reschedule</c> decided (<see cref="BookingOutcome"/>'s names, or a refusal's problem code).</summary>
    public async Task<string> RescheduleAsync(Booking booking, BookingTarget target, RescheduleTerms terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(terms);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // One statement, one transaction: a deadlock (two bookings swapping slots) rolled it back whole.
            return await TransientRetry.RunAsync(async () =>
            {
                try
                {
                    var outcome = await ExecuteAsync(connection, booking, target, terms, cancellationToken);
                    if (outcome == BookingOutcome.Moved)
                    {
                        outboxSignal.Pulse();
                    }

                    return outcome;
                }
                catch (PostgresException ex) when (ex.SqlState == "CH409")
                {
                    return ex.MessageText;
                }
            });
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string> ExecuteAsync(
        NpgsqlConnection connection, Booking booking, BookingTarget target, RescheduleTerms terms, CancellationToken cancellationToken)
    {
        var slot = target.Slot;
        var moved = new BookingMoved(
            booking.Id, booking.HallId, booking.SlotId, slot.SlotId, slot.StartsAt.ToUniversalTime(), slot.EndsAt.ToUniversalTime(), booking.PersonKey,
            BookingMoveReasons.CitizenRescheduled, terms.Now);
        await using var command = new NpgsqlCommand(
            """
            SELECT booking_reschedule(
                p_booking_id => $1, p_revision => $2, p_slot => $3, p_date => $4, p_starts_at => $5, p_ends_at => $6, p_reason => $7,
                p_max_reschedules => $8, p_idem_scope => $9, p_idem_key => $10, p_request_hash => $11, p_event_id => $12, p_event_type => $13,
                p_event_payload => $14, p_trace_parent => $15, p_now => $16, p_catalog_version => $17)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = booking.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = booking.Revision });
        command.Parameters.Add(new NpgsqlParameter { Value = slot.SlotId });
        command.Parameters.Add(new NpgsqlParameter { Value = target.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = slot.StartsAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = slot.EndsAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)terms.Reason ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = target.Policy.MaxReschedules });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.Scope });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.IdempotencyKey });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.RequestHash });
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(terms.Now) });
        command.Parameters.Add(new NpgsqlParameter { Value = IntegrationEventTypes.NameOf(typeof(BookingMoved)) });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = OutboxPayload.Serialize(moved) });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)Activity.Current?.Id ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = terms.Now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = target.Catalog.Version });
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>Who asks (the idempotency scope, the caller's subject), under which key and request hash, why, and when.</summary>
public sealed record RescheduleTerms(string Scope, string IdempotencyKey, string RequestHash, string? Reason, DateTimeOffset Now)
{
    /// <summary>The hash a reschedule's key is recorded with: of the booking, the slot and the reason as understood (trimmed).</summary>
    public static string Hash(Guid bookingId, string slotId, string? reason) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"reschedule\n{bookingId}\n{slotId}\n{reason}")));
}
