using System.Diagnostics;
using CivicHall.Messaging.Health;
using CivicHall.Messaging.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CivicHall.Messaging.Persistence;

public static class DatabaseExtensions
{
    /// <summary>Connections one replica's pool may hold unless its connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 32;

    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> on PostgreSQL from <c>ConnectionStrings:{connectionName}</c>
    /// (snake_case names, outbox commit signal) and the database check of <c>/health</c>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        var connectionString = SessionSettings(configured);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddSingleton(new ServiceConnectionString<TDbContext>(connectionString));
        builder.Services.AddDbContextPool<TDbContext>((services, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                .ConfigureDataSource(dataSource => dataSource.ConfigureTracing(ConfigureCommandSpans)))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor>()));

        // The database in /health: a connection and SELECT 1 on a pool of the probes' own, bounded by
        // short timeouts (DependencyHealthChecks). It replaces EF Core's DbContext check, which asked the
        // same question (can a connection be opened?) through the requests' pool, where a busy service
        // made the probe wait behind its requests, and with no timeout of its own.
        builder.Services.AddHealthChecks().AddNpgSql(
            DependencyHealthChecks.DatabaseConnectionString(configured),
            name: DependencyHealthChecks.DatabaseCheckName,
            tags: [DependencyHealthChecks.ReadyTag],
            timeout: DependencyHealthChecks.Timeout);
        return builder;
    }

    /// <summary>
    /// A command gets a span only inside a trace (a request, a consumed message, an outbox publish): the
    /// relay's claim runs every second in every process and the background loops poll too, and each would
    /// otherwise be a trace of its own. EF Core's spans are filtered alike (ServiceDefaults).
    /// </summary>
    private static void ConfigureCommandSpans(NpgsqlTracingOptionsBuilder tracing) => tracing
        .ConfigureCommandFilter(_ => Activity.Current is not null)
        .ConfigureBatchFilter(_ => Activity.Current is not null);

    /// <summary>The connection string a service's pool uses, from the one configured.</summary>
    public static string SessionSettings(string configured)
    {
        ArgumentNullException.ThrowIfNull(configured);

        // Npgsql resets a connection returned to the pool with DISCARD ALL, which also throws away the
        // cached plans of the PL/pgSQL functions the services call: booking_confirm re-planned its
        // fifteen statements on every booking, half of PostgreSQL's time per booking. The services keep
        // no session state (no SET, no temporary tables, session advisory locks only on a connection of
        // their own), so connections go back to the pool as they are.
        //
        // Automatic preparation stays off: when the execution that prepares a statement fails while its
        // parameters are bound (a NUL in a text value, 22021), Npgsql 10 keeps the statement as prepared
        // without its row description, and the next request on that connection fails with "Received
        // unexpected backend message DataRow" — one bad request broke a valid one on every pooled
        // connection it touched (DatabaseSessionTests reproduces it). The few statements that run on every
        // request of a hot path are prepared explicitly (PrepareAsync: parse and describe first, then bind,
        // so a bad value can fail only its own execution).
        var settings = new NpgsqlConnectionStringBuilder(configured) { NoResetOnClose = true, MaxAutoPrepare = 0 };

        // One replica never takes more than its share of the server's connections (PostgreSQL's
        // default is 100 for everything): a burst beyond it waits a moment for a pooled connection
        // instead of failing with 53300 once the server is out of slots. A connection string that
        // names its own Maximum Pool Size keeps it.
        if (!configured.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !configured.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            settings.MaxPoolSize = DefaultMaxPoolSize;
        }

        return settings.ConnectionString;
    }

    /// <summary>
    /// Applies pending EF Core migrations before the service takes traffic (unless
    /// <c>Database:MigrateOnStartup</c> is false, for deployments that migrate in a separate step with
    /// <c>--migrate-only</c>). Replicas starting together serialise on a PostgreSQL advisory lock,
    /// so exactly one of them migrates and the others find nothing left to do.
    /// </summary>
    /// <returns>True when the process was asked only to migrate and should exit.</returns>
    public static async Task<bool> PrepareDatabaseAsync<TDbContext>(this WebApplication app, string[] args)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var migrateOnly = args.Contains("--migrate-only", StringComparer.Ordinal);
        if (!migrateOnly && !app.Configuration.GetValue("Database:MigrateOnStartup", defaultValue: true))
        {
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // The configured string: the context's own (GetConnectionString) comes from the data source EF
        // builds, which leaves the password out, and these connections are opened apart from that source.
        var connectionString = app.Services.GetService<ServiceConnectionString<TDbContext>>()?.Value ?? db.Database.GetConnectionString()!;
        await MigrateUnderLockAsync(db, connectionString, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
        return migrateOnly;
    }

    private static async Task MigrateUnderLockAsync(DbContext db, string connectionString, CancellationToken cancellationToken)
    {
        await EnsureDatabaseExistsAsync(connectionString, cancellationToken).ConfigureAwait(false);

        // The lock lives on its own connection for the duration of the migration.
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        const long migrationLockKey = 0x43_69_76_69_63_48_61_6C; // "CivicHal"
        // No command timeout: a replica waits as long as the one that holds the lock migrates (30 s, the
        // default, ran out on a busy machine and the waiting replica exited); stopping still cancels it.
        await using (var acquire = new NpgsqlCommand($"SELECT pg_advisory_lock({migrationLockKey})", lockConnection) { CommandTimeout = 0 })
        {
            await acquire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({migrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task EnsureDatabaseExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another replica created it first.
        }
    }
}

/// <summary>The connection string <typeparamref name="TDbContext"/>'s pool was built from, for connections opened apart from it.</summary>
internal sealed record ServiceConnectionString<TDbContext>(string Value)
    where TDbContext : DbContext;
