using Npgsql;

namespace CivicHall.Gateway.Portal;

/// <summary>
/// The nonces seen, in the gateway's own PostgreSQL database, shared by every replica: the primary key
/// (app_key, nonce) and <c>INSERT … ON CONFLICT DO NOTHING</c> decide atomically which request used a
/// nonce first. The table is created by the idempotent <see cref="Schema"/> the first time it is needed
/// (the sweep's first pass at start, or the first signed request when the database was away then), and
/// the database itself when it does not exist yet.
/// </summary>
public sealed class NonceStore(string connectionString) : IDisposable
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS portal_nonces (
            app_key text NOT NULL,
            nonce text NOT NULL,
            seen_at timestamptz NOT NULL,
            PRIMARY KEY (app_key, nonce));
        CREATE INDEX IF NOT EXISTS ix_portal_nonces_seen_at ON portal_nonces (seen_at);
        """;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public void Dispose()
    {
        _dataSource.Dispose();
        _schemaLock.Dispose();
    }

    /// <summary>True when the nonce is new (and is now recorded); false when it was seen before.</summary>
    public async Task<bool> TryRecordAsync(string appKey, string nonce, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO portal_nonces (app_key, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = appKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nonce });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = seenAt });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Deletes the nonces seen before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> DeleteSeenBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("DELETE FROM portal_nonces WHERE seen_at < $1");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await CreateDatabaseIfMissingAsync(cancellationToken);
            try
            {
                await using var command = _dataSource.CreateCommand(Schema);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another replica created it at the same moment (IF NOT EXISTS is not atomic across sessions).
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    private async Task CreateDatabaseIfMissingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
            var database = builder.Database!;
            builder.Database = "postgres";
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException duplicate) when (duplicate.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another replica created it first.
            }
        }
    }
}
