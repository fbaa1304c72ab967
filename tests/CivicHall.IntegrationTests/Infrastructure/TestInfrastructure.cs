using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// The real PostgreSQL and RabbitMQ servers of the test run, started once per test assembly:
/// containers where a container engine answers, else the native servers that <c>scripts/infra up</c>
/// starts. Each test class asks for its own databases and its own RabbitMQ virtual host, so classes
/// run in parallel without seeing each other's rows or messages.
/// </summary>
public sealed class TestInfrastructure : IAsyncLifetime
{
    private const string RabbitUser = "civichall";
    private const string RabbitPassword = "civichall";
    private PostgreSqlContainer? _postgres;
    private RabbitMqContainer? _rabbit;
    private HttpClient? _management;

    public bool UsesContainers { get; private set; }

    public string PostgresConnectionString { get; private set; } = string.Empty;

    public string RabbitHost { get; private set; } = "localhost";

    public int RabbitPort { get; private set; } = 5672;

    public async ValueTask InitializeAsync()
    {
        UsesContainers = ContainerEngine.IsAvailable();
        Uri managementUri;
        if (UsesContainers)
        {
            _postgres = new PostgreSqlBuilder("postgres:15").WithUsername(RabbitUser).WithPassword(RabbitPassword).Build();
            _rabbit = new RabbitMqBuilder("rabbitmq:3-management").WithUsername(RabbitUser).WithPassword(RabbitPassword)
                .WithPortBinding(15672, assignRandomHostPort: true).Build();
            await Task.WhenAll(_postgres.StartAsync(), _rabbit.StartAsync());
            PostgresConnectionString = _postgres.GetConnectionString();
            RabbitHost = _rabbit.Hostname;
            RabbitPort = _rabbit.GetMappedPublicPort(5672);
            managementUri = new Uri($"http://{_rabbit.Hostname}:{_rabbit.GetMappedPublicPort(15672)}/api/");
        }
        else
        {
            // Loopback: TLS would only spend CPU (a handshake for every test database's pool).
            PostgresConnectionString = "Host=localhost;Port=5432;Username=civichall;Password=civichall;Database=postgres;SSL Mode=Disable";
            managementUri = new Uri("http://localhost:15672/api/");
        }

        _management = new HttpClient { BaseAddress = managementUri };
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{RabbitUser}:{RabbitPassword}")));

        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        try
        {
            await connection.OpenAsync();
            using var overview = await _management.GetAsync(new Uri("overview", UriKind.Relative));
            overview.EnsureSuccessStatusCode();
        }
        catch (Exception ex) when (ex is NpgsqlException or HttpRequestException)
        {
            throw new InvalidOperationException(
                "PostgreSQL (localhost:5432, user civichall) and RabbitMQ with its management API (localhost:15672) must be " +
                "running for the integration tests: run scripts/infra up (scripts/test does).", ex);
        }
    }

    /// <summary>
    /// Connections one test database's pool may hold. A system is five of them (≤ 40), and at most two
    /// classes run at once (xunit.runner.json, maxParallelThreads 2): ≤ 80 of PostgreSQL's 100 (3 kept
    /// for superusers), leaving room for the live feed's own connections and the drops of databases.
    /// </summary>
    public const int MaxPoolSize = 8;

    /// <summary>A connection string to a database that does not exist yet (the service creates and migrates it).</summary>
    public string NewDatabase(string purpose)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString)
        {
            Database = $"t_{purpose}_{Guid.NewGuid():N}"[..40],
            MaxPoolSize = MaxPoolSize,
        };
        return builder.ConnectionString;
    }

    /// <summary>
    /// Best effort: a leftover test database is not a test failure. FORCE cannot end an autovacuum
    /// worker (a superuser process) as this role, so a busy database is retried a few times.
    /// </summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(PostgresConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 10)
                {
                    TestContext.Current.SendDiagnosticMessage($"Test database {database} left behind: {ex.MessageText}");
                    return;
                }

                await Task.Delay(300);
            }
        }
    }

    /// <summary>A fresh RabbitMQ virtual host and the amqp URI that reaches it.</summary>
    public async Task<string> NewVirtualHostAsync(string purpose)
    {
        var vhost = $"t-{purpose}-{Guid.NewGuid():N}";
        using (var create = await _management!.PutAsync(new Uri($"vhosts/{vhost}", UriKind.Relative), null))
        {
            create.EnsureSuccessStatusCode();
        }

        using var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        using (var grant = await _management.PutAsync(new Uri($"permissions/{vhost}/{RabbitUser}", UriKind.Relative), permissions))
        {
            grant.EnsureSuccessStatusCode();
        }

        return $"amqp://{RabbitUser}:{RabbitPassword}@{RabbitHost}:{RabbitPort}/{vhost}";
    }

    public async Task DeleteVirtualHostAsync(string amqpUri)
    {
        var vhost = new Uri(amqpUri).AbsolutePath.TrimStart('/');
        using var _ = await _management!.DeleteAsync(new Uri($"vhosts/{vhost}", UriKind.Relative));
    }

    public async ValueTask DisposeAsync()
    {
        _management?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_rabbit is not null)
        {
            await _rabbit.DisposeAsync();
        }
    }
}
