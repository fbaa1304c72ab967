using CivicHall.Messaging.Outbox;
using CivicHall.Screening.Decisions;
using CivicHall.Screening.Visits;
using Npgsql;
using NpgsqlTypes;

namespace CivicHall.Screening.Screenings;

/// <summary>
/// The queries and the write of screening records. A decided reading and the event that announces it are written in one statement: one round trip and one
/// implicit transaction, where EF's SaveChanges takes a BEGIN, a batch and a COMMIT and builds change
/// tracking it never uses. Entrances send readings at a steady clip (DESIGN §8), so this is the hot path.
/// The record's id is the device's reading id when it sent one: a second insert of it writes nothing.
/// </summary>
public sealed class ScreeningStore(ScreeningDbContext db, OutboxSignal outboxSignal)
{
    private const string InsertRecord = """
        INSERT INTO screening_records (
            id, hall_id, person_kind, person_key, id_number_encrypted, id_number_masked, name_encrypted, name_masked,
            address_encrypted, phone_encrypted, taken_at, lane, device_id, recorded_by, health_code, offline_code,
            registered_disabled, test_at, test_result, antigen_at, antigen_result, temperature_c, mask, symptoms,
            retest_of, outcome, findings, measures, policy_version, created_at, purge_after, held_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, NULL)
        ON CONFLICT (id) DO NOTHING
        RETURNING id
        """;

    private const string RecordOnly = $"""
        WITH record AS ({InsertRecord})
        SELECT count(*)::int FROM record
        """;

    private const string RecordAndEvent = $"""
        WITH record AS ({InsertRecord}),
        announced AS (
            INSERT INTO outbox_messages (id, message_type, payload, occurred_at, created_at, trace_parent, attempts, next_attempt_at)
            SELECT $32, $33, $34, $35, $36, $37, 0, $36 FROM record)
        SELECT count(*)::int FROM record
        """;

    /// <summary>The record, untracked; null when there is none (or it was purged).</summary>
    public Task<ScreeningRecord?> ReadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Screenings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>Whether <paramref name="readingId"/> is a reading of this person at this hall (the first reading a retest re-takes).</summary>
    public Task<bool> IsReadingOfAsync(Guid readingId, string hallId, string personKey, CancellationToken cancellationToken) =>
        db.Screenings.AnyAsync(s => s.Id == readingId && s.HallId == hallId && s.PersonKey == personKey, cancellationToken);

    /// <summary>The person's active bookings at the hall whose slots lie within 12 hours of <paramref name="takenAt"/>.</summary>
    public Task<List<BookedVisit>> BookingsAroundAsync(string hallId, string personKey, DateTimeOffset takenAt, CancellationToken cancellationToken) =>
        db.VisitorBookings.AsNoTracking()
            .Where(b => b.HallId == hallId && b.PersonKey == personKey && b.Active
                && b.SlotEndsAt > takenAt.AddHours(-12) && b.SlotStartsAt < takenAt.AddHours(12))
            .Select(b => new BookedVisit(b.SlotStartsAt, b.SlotEndsAt, b.GreenChannel))
            .ToListAsync(cancellationToken);

    /// <summary>True when the record (and its event) was written; false when a record with its id exists.</summary>
    public async Task<bool> TryInsertAsync(ScreeningRecord record, OutboxMessage? announcement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(announcement is null ? RecordOnly : RecordAndEvent, connection);
            var p = command.Parameters;
            p.Add(new NpgsqlParameter { Value = record.Id });
            p.Add(new NpgsqlParameter { Value = record.HallId });
            p.Add(new NpgsqlParameter { Value = record.PersonKind });
            p.Add(new NpgsqlParameter { Value = record.PersonKey });
            p.Add(new NpgsqlParameter { Value = record.IdNumberEncrypted });
            p.Add(new NpgsqlParameter { Value = record.IdNumberMasked });
            p.Add(new NpgsqlParameter { Value = record.NameEncrypted });
            p.Add(new NpgsqlParameter { Value = record.NameMasked });
            p.Add(Text(record.AddressEncrypted));
            p.Add(Text(record.PhoneEncrypted));
            p.Add(new NpgsqlParameter { Value = record.TakenAt.ToUniversalTime() });
            p.Add(Text(record.Lane));
            p.Add(Text(record.DeviceId));
            p.Add(new NpgsqlParameter { Value = record.RecordedBy });
            p.Add(new NpgsqlParameter { Value = record.HealthCode });
            p.Add(new NpgsqlParameter { Value = record.OfflineCode });
            p.Add(new NpgsqlParameter { Value = record.RegisteredDisabled });
            p.Add(Timestamp(record.TestAt));
            p.Add(Text(record.TestResult));
            p.Add(Timestamp(record.AntigenAt));
            p.Add(Text(record.AntigenResult));
            p.Add(new NpgsqlParameter { Value = record.TemperatureC });
            p.Add(new NpgsqlParameter { Value = record.Mask });
            p.Add(Jsonb(JsonColumnExtensions.ToJsonb(record.Symptoms)));
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = (object?)record.RetestOf ?? DBNull.Value });
            p.Add(new NpgsqlParameter { Value = record.Outcome });
            p.Add(Jsonb(JsonColumnExtensions.ToJsonb(record.Findings)));
            p.Add(Jsonb(JsonColumnExtensions.ToJsonb(record.Measures)));
            p.Add(new NpgsqlParameter { Value = record.PolicyVersion });
            p.Add(new NpgsqlParameter { Value = record.CreatedAt.ToUniversalTime() });
            p.Add(new NpgsqlParameter { Value = record.PurgeAfter.ToUniversalTime() });
            if (announcement is not null)
            {
                p.Add(new NpgsqlParameter { Value = announcement.Id });
                p.Add(new NpgsqlParameter { Value = announcement.MessageType });
                p.Add(Jsonb(announcement.Payload));
                p.Add(new NpgsqlParameter { Value = announcement.OccurredAt.ToUniversalTime() });
                p.Add(new NpgsqlParameter { Value = announcement.CreatedAt.ToUniversalTime() });
                p.Add(Text(announcement.TraceParent));
            }

            await command.PrepareAsync(cancellationToken); // once per connection (see DatabaseExtensions.SessionSettings)
            var written = (int)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
            if (written && announcement is not null)
            {
                outboxSignal.Pulse();
            }

            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Timestamp(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)value?.ToUniversalTime() ?? DBNull.Value };

    private static NpgsqlParameter Jsonb(string json) =>
        new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json };
}
