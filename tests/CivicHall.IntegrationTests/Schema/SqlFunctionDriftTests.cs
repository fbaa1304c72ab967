using System.Reflection;
using CivicHall.Booking.Data;
using CivicHall.Incident.Data;
using CivicHall.Messaging.Persistence;
using CivicHall.Occupancy.Data;
using CivicHall.Sanitation.Data;
using CivicHall.Screening.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql;

namespace CivicHall.IntegrationTests.Schema;

/// <summary>
/// Every database function has one home: its <c>&lt;Feature&gt;/Sql/&lt;function&gt;.sql</c> file (README
/// "Migrations"). A service's migrations, run on a fresh database, must leave exactly the functions its
/// files define, as they define them, and the last migration applying a file must have been written for
/// its current text: a file edited without a migration that applies it again, a function created or
/// changed by a migration's own SQL, a file no migration applies, all fail here.
/// </summary>
public sealed class SqlFunctionDriftTests(TestInfrastructure infrastructure)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Functions of the public schema (not an extension's) by signature, and triggers (not the internal
    /// ones of foreign keys) by table and name, with their definitions as PostgreSQL prints them.
    /// </summary>
    private const string DefinitionsSql = """
        SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.proname, pg_get_functiondef(p.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'trigger ' || t.tgname || ' on ' || t.tgrelid::regclass, NULL, pg_get_triggerdef(t.oid)
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT t.tgisinternal
        """;

    public static TheoryData<string> Services => ["booking", "occupancy", "screening", "sanitation", "incident"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_functions_a_fresh_database_migrates_to_are_those_of_the_sql_files(string service)
    {
        var connectionString = infrastructure.NewDatabase($"drift_{service}");
        try
        {
            var (assembly, lastApplied) = await MigrateAsync(service, connectionString);
            var files = SqlFunctionFiles.Names(assembly);

            // A fresh database gets every file as it reads now, whatever migration applies it: a file
            // edited without a migration shows here, where the last migration applying it was written
            // for another version of it.
            var stale = files
                .Select(name => (Name: name, Current: SqlFunctionFiles.Version(SqlFunctionFiles.Read(assembly, name)),
                                 Last: lastApplied.GetValueOrDefault(name)))
                .Where(file => file.Last.Version != file.Current)
                .Select(file => file.Last.Migration is null
                    ? $"{file.Name}.sql: no migration applies it; add one with migrationBuilder.ApplySqlFunction(\"{file.Name}\", \"{file.Current}\")"
                    : $"{file.Name}.sql changed since {file.Last.Migration} applied version {file.Last.Version}; add a migration with " +
                      $"migrationBuilder.ApplySqlFunction(\"{file.Name}\", \"{file.Current}\")")
                .ToList();
            Assert.True(stale.Count == 0, $"{service}:\n{string.Join("\n", stale)}");

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Ct);
            var migrated = await DefinitionsAsync(connection);
            var functions = migrated.Values.Where(d => d.Function is not null).Select(d => d.Function!).ToList();

            Assert.True(functions.Count == functions.Distinct(StringComparer.Ordinal).Count(),
                $"{service}: a function has more than one signature (a file changed a signature without a migration that drops the old one): " +
                string.Join(", ", migrated.Keys.Where(k => k.StartsWith("function ", StringComparison.Ordinal)).Order(StringComparer.Ordinal)));
            var withoutFile = functions.Except(files, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var withoutFunction = files.Except(functions, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            Assert.True(withoutFile.Count == 0 && withoutFunction.Count == 0,
                $"{service}: functions in the database without a <Feature>/Sql/<name>.sql file: [{string.Join(", ", withoutFile)}]; " +
                $"files whose function the migrations do not create: [{string.Join(", ", withoutFunction)}].");

            // Applying every file again must change nothing: whatever a file says differently from the
            // migrated database (a body, a parameter, a volatility, a trigger) shows as a changed definition.
            Dictionary<string, Definition> applied;
            await using (var transaction = await connection.BeginTransactionAsync(Ct))
            {
                foreach (var name in files)
                {
                    await using var apply = new NpgsqlCommand(SqlFunctionFiles.Read(assembly, name), connection, transaction);
                    try
                    {
                        await apply.ExecuteNonQueryAsync(Ct);
                    }
                    catch (PostgresException ex)
                    {
                        Assert.Fail($"{service}: {name}.sql does not apply over the migrated database ({ex.SqlState}: {ex.MessageText}); " +
                            "a change of its parameters or result needs a migration that drops the old function first.");
                    }
                }

                applied = await DefinitionsAsync(connection, transaction);
                await transaction.RollbackAsync(Ct);
            }

            var drifted = migrated.Keys.Union(applied.Keys, StringComparer.Ordinal)
                .Where(key => !migrated.TryGetValue(key, out var before) || !applied.TryGetValue(key, out var after) || before.Text != after.Text)
                .Order(StringComparer.Ordinal)
                .Select(key => $"{key}: {FirstDifference(migrated.GetValueOrDefault(key)?.Text, applied.GetValueOrDefault(key)?.Text)}")
                .ToList();
            Assert.True(drifted.Count == 0,
                $"{service}: the migrated database differs from the .sql files (edit the file, then add a migration that applies it again):\n" +
                string.Join("\n", drifted));
        }
        finally
        {
            await infrastructure.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>Migrates, and tells which migration applies each function file last, for which version of it.</summary>
    private static async Task<(Assembly Assembly, Dictionary<string, (string? Migration, string? Version)> LastApplied)> MigrateAsync(
        string service, string connectionString)
    {
        await using DbContext db = service switch
        {
            "booking" => new BookingDbContext(Options<BookingDbContext>(connectionString)),
            "occupancy" => new OccupancyDbContext(Options<OccupancyDbContext>(connectionString)),
            "screening" => new ScreeningDbContext(Options<ScreeningDbContext>(connectionString)),
            "sanitation" => new SanitationDbContext(Options<SanitationDbContext>(connectionString)),
            "incident" => new IncidentDbContext(Options<IncidentDbContext>(connectionString)),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
        };
        await db.Database.MigrateAsync(Ct);

        var migrations = db.GetService<IMigrationsAssembly>();
        var lastApplied = new Dictionary<string, (string? Migration, string? Version)>(StringComparer.Ordinal);
        foreach (var (id, type) in migrations.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var migration = migrations.CreateMigration(type, db.Database.ProviderName!);
            foreach (var sql in migration.UpOperations.OfType<SqlOperation>())
            {
                if (SqlFunctionFiles.Applied(sql.Sql) is { } applied)
                {
                    lastApplied[applied.Name] = (id, applied.Version);
                }
            }
        }

        return (db.GetType().Assembly, lastApplied);
    }

    /// <summary>The options the services use (DatabaseExtensions.AddServiceDatabase), as far as migrations see them.</summary>
    private static DbContextOptions<T> Options<T>(string connectionString)
        where T : DbContext =>
        new DbContextOptionsBuilder<T>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options;

    private static async Task<Dictionary<string, Definition>> DefinitionsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(DefinitionsSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var definitions = new Dictionary<string, Definition>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Ct))
        {
            definitions.Add(reader.GetString(0), new Definition(reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        }

        return definitions;
    }

    private static string FirstDifference(string? migrated, string? file)
    {
        if (migrated is null)
        {
            return "only in the files";
        }

        if (file is null)
        {
            return "only in the migrated database";
        }

        var before = migrated.Split('\n');
        var after = file.Split('\n');
        for (var line = 0; line < Math.Max(before.Length, after.Length); line++)
        {
            var b = line < before.Length ? before[line] : "(end)";
            var a = line < after.Length ? after[line] : "(end)";
            if (b != a)
            {
                return $"line {line + 1}: migrated «{b.Trim()}», file «{a.Trim()}»";
            }
        }

        return "differs";
    }

    private sealed record Definition(string? Function, string Text);
}
