using System.Net.Sockets;
using CivicHall.Booking.Data;
using CivicHall.Messaging.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace CivicHall.IntegrationTests.Resilience;

/// <summary>
/// <c>/health</c> means something: when the database or the broker goes away, every service answers
/// 503 Unhealthy within seconds (each check is bounded), while <c>/alive</c> and the gateway's own
/// <c>/health</c> stay Healthy; when it is back, so is <c>/health</c>. Anonymous callers get the status
/// word alone; the reason is logged. One system for the class, on a PostgreSQL and a RabbitMQ node
/// of its own, which the tests stop and start (one at a time, each test leaving both running).
/// </summary>
public sealed class HealthOutageTests(HealthOutageFixture fixture) : IClassFixture<HealthOutageFixture>
{
    /// <summary>How long a service may take to answer Unhealthy once a dependency is gone (checks give up after 2 s).</summary>
    private static readonly TimeSpan UnhealthyWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Without_its_database_every_service_is_unhealthy_within_seconds_alive_stays_up_and_health_returns_with_it()
    {
        await fixture.AllHealthyAsync(TimeSpan.FromSeconds(60), "before the database stops");

        await fixture.Database.StopAsync();
        try
        {
            var took = await fixture.AllUnhealthyAsync(UnhealthyWithin);
            await fixture.AssertAliveAndGatewayHealthyAsync();
            fixture.AssertFailureLogged(DependencyHealthChecks.DatabaseCheckName);
            Report("database stopped", took);
        }
        finally
        {
            await fixture.Database.StartAsync();
        }

        Report("database started", await fixture.AllHealthyAsync(TimeSpan.FromSeconds(30), "once the database is back"));
    }

    [Fact]
    public async Task Without_the_broker_every_service_is_unhealthy_within_seconds_alive_stays_up_and_health_returns_with_it()
    {
        await fixture.AllHealthyAsync(TimeSpan.FromSeconds(60), "before the broker stops");

        await fixture.Broker.StopAsync();
        try
        {
            var took = await fixture.AllUnhealthyAsync(UnhealthyWithin);
            await fixture.AssertAliveAndGatewayHealthyAsync();
            fixture.AssertFailureLogged(DependencyHealthChecks.BrokerCheckName);
            Report("broker stopped", took);
        }
        finally
        {
            await fixture.Broker.StartAsync();
        }

        // The broker check makes a new connection at its first probe after the broker is back…
        var restarted = Stopwatch.StartNew();
        await Eventually.UntilAsync(
            () => fixture.CheckAsync(CivicHallSystem.Booking, DependencyHealthChecks.BrokerCheckName),
            status => status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(10),
            "booking's broker check should pass once the broker is back");
        TestContext.Current.TestOutputHelper?.WriteLine($"broker check healthy again after {restarted.Elapsed.TotalSeconds:F1} s");

        // …and /health is Healthy once MassTransit's bus has reconnected too (its own check, on its own retry schedule).
        Report("broker started", await fixture.AllHealthyAsync(TimeSpan.FromSeconds(60), "once the broker is back"));
    }

    [Fact]
    public async Task A_database_and_broker_that_accept_connections_and_never_answer_make_health_unhealthy_within_the_check_timeout()
    {
        // Servers that hang rather than refuse: connecting succeeds, then nothing ever comes back.
        var database = new SilentServer();
        var broker = new SilentServer();
        ServiceHost<BookingDbContext>? booking = null;
        try
        {
            booking = new ServiceHost<BookingDbContext>("booking", new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["ConnectionStrings:booking"] = $"Host=127.0.0.1;Port={database.Port};Username=civichall;Password=civichall;Database=booking;SSL Mode=Disable;Timeout=30",
                ["ConnectionStrings:messaging"] = $"amqp://guest:guest@127.0.0.1:{broker.Port}/",
                // No migration: it would wait on the silent database before the service could answer at all.
                ["Database:MigrateOnStartup"] = "false",
                ["Logging:LogLevel:Default"] = "Critical",
            }, listenOnKestrel: false);
            using var anonymous = booking.CreateClient();
            anonymous.Timeout = TimeSpan.FromSeconds(10);

            var took = new List<TimeSpan>();
            for (var probe = 0; probe < 3; probe++)
            {
                var started = Stopwatch.StartNew();
                using var health = await anonymous.GetAsync("/health", TestContext.Current.CancellationToken);
                took.Add(started.Elapsed);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
                Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            using var alive = await anonymous.GetAsync("/alive", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
            TestContext.Current.TestOutputHelper?.WriteLine("probes took " + string.Join(", ", took.Select(t => $"{t.TotalSeconds:F1} s")));

            // The checks give up after 2 s (DependencyHealthChecks.Timeout), and they run side by side.
            Assert.All(took, t => Assert.True(t < TimeSpan.FromSeconds(5), $"a probe took {t.TotalSeconds:F1} s"));
            Assert.All(took, t => Assert.True(t >= TimeSpan.FromSeconds(1.5), $"a probe took only {t.TotalSeconds:F1} s: did it wait for the silent servers at all?"));
        }
        finally
        {
            // The silent servers go first: their closed sockets end whatever still waits on them (the bus connecting).
            await Teardown.DisposeAsync(database, broker, booking);
        }
    }

    private static void Report(string what, IReadOnlyDictionary<string, TimeSpan> took) =>
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{what}: " + string.Join(", ", took.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Value.TotalSeconds:F1} s")));
}

/// <summary>The five services and the gateway of <see cref="HealthOutageTests"/>, on a PostgreSQL server and a RabbitMQ node of their own.</summary>
public sealed class HealthOutageFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly string[] Services =
        [CivicHallSystem.Booking, CivicHallSystem.Screening, CivicHallSystem.Occupancy, CivicHallSystem.Sanitation, CivicHallSystem.Incident];

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private CivicHallSystem? _system;

    public IsolatedDatabaseServer Database { get; private set; } = null!;

    public IsolatedBroker Broker { get; private set; } = null!;

    /// <summary>What booking logged (errors and warnings: the system's log level).</summary>
    public CapturedLogs BookingLogs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var database = IsolatedDatabaseServer.StartNewAsync();
        var broker = IsolatedBroker.StartNewAsync(infrastructure);
        try
        {
            Database = await database;
            Broker = await broker;
            _system = await CivicHallSystem.StartAsync(
                infrastructure,
                withGateway: true,
                messagingUri: Broker.AmqpUri,
                databaseServer: Database,
                configureServices: (service, services) =>
                {
                    if (service == CivicHallSystem.Booking)
                    {
                        services.AddSingleton<ILoggerProvider>(BookingLogs);
                    }
                });
        }
        catch
        {
            // Whichever server did start must not outlive a start that failed.
            await Teardown.DisposeAsync(
                database.IsCompletedSuccessfully ? database.Result : null,
                await SettledAsync(broker));
            throw;
        }

        foreach (var name in Services.Append(CivicHallSystem.Gateway))
        {
            var client = _system.Client(name);
            // A probe that hangs fails the test here rather than stalling it.
            client.Timeout = TimeSpan.FromSeconds(10);
            _clients[name] = client;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Teardown.DisposeAsync(_system, Broker, Database);
    }

    /// <summary>Polls every service's /health until each answers 200 Healthy; how long each took.</summary>
    public Task<IReadOnlyDictionary<string, TimeSpan>> AllHealthyAsync(TimeSpan within, string because) =>
        AllAnswerAsync("/health", HttpStatusCode.OK, "Healthy", within, because);

    /// <summary>Polls every service's /health until each answers 503 Unhealthy, the status word and nothing else.</summary>
    public Task<IReadOnlyDictionary<string, TimeSpan>> AllUnhealthyAsync(TimeSpan within) =>
        AllAnswerAsync("/health", HttpStatusCode.ServiceUnavailable, "Unhealthy", within, "a dependency is away");

    /// <summary>While a dependency is away: every service is alive, and the gateway (which has neither) healthy.</summary>
    public async Task AssertAliveAndGatewayHealthyAsync()
    {
        foreach (var name in Services.Append(CivicHallSystem.Gateway))
        {
            var (status, body, _) = await GetAsync(name, "/alive");
            Assert.True(status == HttpStatusCode.OK && body == "Healthy", $"{name} /alive answered {(int)status} {body}");
        }

        var (gatewayStatus, gatewayBody, _) = await GetAsync(CivicHallSystem.Gateway, "/health");
        Assert.True(gatewayStatus == HttpStatusCode.OK && gatewayBody == "Healthy", $"the gateway's /health answered {(int)gatewayStatus} {gatewayBody}");
    }

    /// <summary>One check of one service, asked in-process (the HTTP answer names none).</summary>
    public async Task<HealthStatus> CheckAsync(string service, string check) =>
        (await _system![service].Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(registration => registration.Name == check, TestContext.Current.CancellationToken)).Status;

    /// <summary>An Unhealthy check is logged as an error naming it (booking's log stands for every service's).</summary>
    public void AssertFailureLogged(string check) =>
        Assert.Contains(BookingLogs.Lines, line => line.Level == LogLevel.Error
            && line.Category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal)
            && line.Message.Contains(check, StringComparison.Ordinal));

    private async Task<IReadOnlyDictionary<string, TimeSpan>> AllAnswerAsync(string path, HttpStatusCode status, string body, TimeSpan within, string because)
    {
        var started = Stopwatch.StartNew();
        var took = await Task.WhenAll(Services.Select(async name =>
        {
            var slowest = TimeSpan.Zero;
            await Eventually.UntilAsync(
                async () =>
                {
                    var answer = await GetAsync(name, path);
                    slowest = answer.Took > slowest ? answer.Took : slowest;
                    return answer;
                },
                answer => answer.Status == status && answer.Body == body,
                within,
                $"{name} {path} should answer {(int)status} {body}: {because}");

            // Each probe answers within its checks' timeout, whatever the dependencies do.
            Assert.True(slowest < TimeSpan.FromSeconds(5), $"{name} {path} took {slowest.TotalSeconds:F1} s to answer one probe");
            return (name, started.Elapsed);
        }));
        return took.ToDictionary(t => t.name, t => t.Elapsed, StringComparer.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Body, TimeSpan Took)> GetAsync(string name, string path)
    {
        var started = Stopwatch.StartNew();
        using var response = await _clients[name].GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), started.Elapsed);
    }

    private static async Task<IsolatedBroker?> SettledAsync(Task<IsolatedBroker> broker)
    {
        try
        {
            return await broker;
        }
#pragma warning disable CA1031 // A node that failed to start stopped itself (IsolatedBroker.StartNewAsync).
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}

/// <summary>A TCP server that accepts every connection and never sends a byte: a database or broker that hangs.</summary>
internal sealed class SilentServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<Socket> _accepted = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SilentServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _accepted.Enqueue(await _listener.AcceptSocketAsync(_stop.Token));
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _accepting;
        _listener.Stop();
        while (_accepted.TryDequeue(out var socket))
        {
            socket.Dispose();
        }

        _stop.Dispose();
    }
}
