using CivicHall.Messaging.Persistence;
using CivicHall.Sanitation.Data;
using CivicHall.Sanitation.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CivicHall.Benchmarks.Sanitation;

/// <summary>
/// Sanitation's day generation and sweeps in this process, registered as the service registers them
/// (<c>AddServiceDatabase</c>: pooled context, snake_case, outbox interceptor) on a database of their own and a
/// test clock; the sweeps are not started (each pass is called), and no bus or relay runs, so the events
/// they publish stay in the outbox to be counted.
/// </summary>
internal sealed class SanitationHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SanitationHost(IHost host, FakeTimeProvider clock, string database)
    {
        _host = host;
        Clock = clock;
        DatabaseName = database;
    }

    public FakeTimeProvider Clock { get; }

    public string DatabaseName { get; }

    public IServiceProvider Services => _host.Services;

    public static string ConnectionString(string database) =>
        $"Host=localhost;Port=5432;Database={database};Username=civichall;Password=civichall;SSL Mode=Disable";

    public static async Task<SanitationHost> StartAsync(string database, DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:sanitation"] = ConnectionString(database);
        // EF Core logs the migration history query that fails on a fresh database as an error; it is not one.
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddServiceDatabase<SanitationDbContext>("sanitation");
        builder.Services.AddScoped<TaskDays>();
        builder.Services.AddOptions<DueTaskSweepOptions>();
        builder.Services.AddSingleton<DueTaskSweep>();
        builder.Services.AddOptions<OverdueSweepOptions>();
        builder.Services.AddSingleton<OverdueSweep>();
        var host = builder.Build();

        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SanitationDbContext>().Database.MigrateAsync();
        }

        return new SanitationHost(host, clock, database);
    }

    /// <summary>One scalar from the benchmark's database.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(DatabaseName));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the database unless it is kept (the host's pool is cleared first).</summary>
    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
