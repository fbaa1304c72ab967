using CivicHall.Booking.Data;
using CivicHall.Gateway;
using CivicHall.Incident.Data;
using CivicHall.Occupancy.Data;
using CivicHall.Sanitation.Data;
using CivicHall.Screening.Data;
using MassTransit;

namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// The five services (and, when asked, the gateway) of one test class, each with its own fresh
/// database, all on one fresh RabbitMQ virtual host — or on a broker of the test's own — and on the
/// suite's PostgreSQL or on a database server of the test's own.
/// </summary>
public sealed class CivicHallSystem : IAsyncDisposable
{
    public const string Booking = "booking";
    public const string Screening = "screening";
    public const string Occupancy = "occupancy";
    public const string Sanitation = "sanitation";
    public const string Incident = "incident";
    public const string Gateway = "gateway";

    public static readonly string[] HallConsumers = [Booking, Screening, Sanitation, Incident];

    private readonly TestInfrastructure _infrastructure;
    private readonly Dictionary<string, IServiceHost> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _databases = new(StringComparer.Ordinal);
    private string? _ownVirtualHost;
    private Action<string, IServiceCollection>? _configureServices;
    private IsolatedDatabaseServer? _databaseServer;
    private IReadOnlyDictionary<string, string?>? _extraGatewaySettings;

    private CivicHallSystem(TestInfrastructure infrastructure) => _infrastructure = infrastructure;

    public string MessagingUri { get; private set; } = string.Empty;

    public IServiceHost this[string name] => _hosts[name];

    /// <summary>The gateway's settings (its services' addresses, limits, portal clients, database): a second gateway replica starts with them.</summary>
    public IReadOnlyDictionary<string, string?> GatewaySettings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>
    /// Limits no test reaches (the suite drives thousands of requests through the gateway from one
    /// token); a test of the limits sets its own through <c>gatewaySettings</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> UnreachableRateLimits { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["RateLimits:PerClient:PermitsPerSecond"] = "1000000",
        ["RateLimits:PerClient:Burst"] = "1000000",
        ["RateLimits:Anonymous:PermitsPerSecond"] = "1000000",
        ["RateLimits:Anonymous:Burst"] = "1000000",
        ["RateLimits:BookingWrites:PermitsPerSecond"] = "1000000",
        ["RateLimits:BookingWrites:Burst"] = "1000000",
        ["RateLimits:PublicLiveView:PermitsPerSecond"] = "1000000",
        ["RateLimits:PublicLiveView:Burst"] = "1000000",
    };

    /// <summary>
    /// Starts the services; <paramref name="messagingUri"/> null means a fresh virtual host, and
    /// <paramref name="databaseServer"/> null the suite's PostgreSQL.
    /// </summary>
    public static async Task<CivicHallSystem> StartAsync(
        TestInfrastructure infrastructure,
        bool withGateway = false,
        string? messagingUri = null,
        IsolatedDatabaseServer? databaseServer = null,
        IReadOnlyDictionary<string, string?>? extraSettings = null,
        TimeProvider? bookingClock = null,
        TimeProvider? screeningClock = null,
        TimeProvider? occupancyClock = null,
        Action<string, IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string?>? gatewaySettings = null)
    {
        var system = new CivicHallSystem(infrastructure)
        {
            _configureServices = configureServices,
            _databaseServer = databaseServer,
            _extraGatewaySettings = gatewaySettings,
        };
        try
        {
            await system.StartServicesAsync(withGateway, messagingUri, extraSettings, bookingClock, screeningClock, occupancyClock);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        return system;
    }

    private async Task StartServicesAsync(
        bool withGateway, string? messagingUri, IReadOnlyDictionary<string, string?>? extraSettings, TimeProvider? bookingClock, TimeProvider? screeningClock,
        TimeProvider? occupancyClock)
    {
        if (messagingUri is null)
        {
            MessagingUri = _ownVirtualHost = await _infrastructure.NewVirtualHostAsync("sys");
        }
        else
        {
            MessagingUri = messagingUri;
        }

        Dictionary<string, string?> SettingsFor(string service)
        {
            // A server of the test's own goes with its databases: only the suite's are dropped. It takes
            // 50 connections: five pools of 5, and each service's /health pool of 2, fit.
            var database = _databaseServer is null
                ? _databases[service] = _infrastructure.NewDatabase(service)
                : _databaseServer.ConnectionString(service, maxPoolSize: 5);
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [$"ConnectionStrings:{service}"] = database,
                ["ConnectionStrings:messaging"] = MessagingUri,
                ["Logging:LogLevel:Default"] = "Warning",
                // A message that keeps failing (a test's own doing) goes to its _error queue in ~2 s,
                // not after the ~20 s of the production schedule.
                ["Messaging:ConsumerRetryMaxInterval"] = "00:00:00.500",
                // The day closes of the daily report run when a test runs them (their first pass, at start, finds no hall).
                ["Screening:DayClose:Interval"] = "1.00:00:00",
                ["Occupancy:DayClose:Interval"] = "1.00:00:00",
                ["Booking:DayClose:Interval"] = "1.00:00:00",
            };
            foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }

        // Hosts start one after another: each migrates its own database on start.
        Add(new ServiceHost<OccupancyDbContext>(Occupancy, SettingsFor(Occupancy), withGateway, occupancyClock, ServicesOf(Occupancy)));
        Add(new ServiceHost<BookingDbContext>(Booking, SettingsFor(Booking), withGateway, bookingClock, ServicesOf(Booking)));
        Add(new ServiceHost<ScreeningDbContext>(Screening, SettingsFor(Screening), withGateway, screeningClock, ServicesOf(Screening)));
        Add(new ServiceHost<SanitationDbContext>(Sanitation, SettingsFor(Sanitation), withGateway, configureServices: ServicesOf(Sanitation)));
        var incidentSettings = SettingsFor(Incident);
        foreach (var source in new[] { Occupancy, Screening, Booking })
        {
            // Contact tracing asks the owners of the records through service discovery: reachable when they listen on a port.
            if (_hosts[source].Address is { } address)
            {
                incidentSettings[$"services:{source}:http:0"] = address.ToString().TrimEnd('/');
            }
        }

        Add(new ServiceHost<IncidentDbContext>(Incident, incidentSettings, withGateway, configureServices: ServicesOf(Incident)));

        if (withGateway)
        {
            var gatewaySettings = new Dictionary<string, string?>(UnreachableRateLimits, StringComparer.Ordinal) { ["Logging:LogLevel:Default"] = "Warning" };
            foreach (var service in new[] { Booking, Screening, Occupancy, Sanitation, Incident })
            {
                gatewaySettings[$"services:{service}:http:0"] = _hosts[service].Address!.ToString().TrimEnd('/');
            }

            foreach (var (key, value) in _extraGatewaySettings ?? new Dictionary<string, string?>())
            {
                gatewaySettings[key] = value;
            }

            // Portal clients need the gateway's own database (the nonces); the gateway creates it on first use.
            if (gatewaySettings.Keys.Any(k => k.StartsWith("Portal:Clients:", StringComparison.Ordinal))
                && !gatewaySettings.ContainsKey($"ConnectionStrings:{Gateway}"))
            {
                gatewaySettings[$"ConnectionStrings:{Gateway}"] = _databaseServer is null
                    ? _databases[Gateway] = _infrastructure.NewDatabase(Gateway)
                    : _databaseServer.ConnectionString(Gateway, maxPoolSize: 5);
            }

            GatewaySettings = gatewaySettings;
            Add(new ServiceHost<GatewayEntryPoint>(Gateway, gatewaySettings, listenOnKestrel: true));
        }

        await Task.CompletedTask;
    }

    private void Add(IServiceHost host) => _hosts[host.Name] = host;

    /// <summary>What the test adds to a service's own: a <see cref="DeliveryTracker"/> on its bus, and what the test asked for.</summary>
    private Action<IServiceCollection> ServicesOf(string service) => services =>
    {
        services.AddSingleton<DeliveryTracker>();
        services.AddReceiveObserver(provider => provider.GetRequiredService<DeliveryTracker>());
        _configureServices?.Invoke(service, services);
    };

    /// <summary>What a service's bus has received so far (not the gateway's: it has none).</summary>
    public DeliveryTracker Deliveries(string service) => _hosts[service].Services.GetRequiredService<DeliveryTracker>();

    /// <summary>A client of one service (or the gateway) carrying a development token with the given roles.</summary>
    public HttpClient Client(string host, params string[] roles)
    {
        var client = _hosts[host].CreateClient();
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer", DevelopmentTokens.Create(roles, $"test-{roles[0]}", TimeProvider.System));
        }

        return client;
    }

    /// <summary>Runs a query against a service's own database.</summary>
    public async Task<T> QueryAsync<TDbContext, T>(string service, Func<TDbContext, Task<T>> query)
        where TDbContext : DbContext
    {
        await using var scope = _hosts[service].Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    /// <summary>Runs a query against the database of one of the four hall-directory consumers.</summary>
    public Task<T> QueryConsumerAsync<T>(string service, Func<DbContext, Task<T>> query) => service switch
    {
        Booking => QueryAsync<BookingDbContext, T>(service, query),
        Screening => QueryAsync<ScreeningDbContext, T>(service, query),
        Sanitation => QueryAsync<SanitationDbContext, T>(service, query),
        Incident => QueryAsync<IncidentDbContext, T>(service, query),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "not a hall-directory consumer"),
    };

    /// <summary>Stops every host, then drops the databases and the virtual host, even when one step fails (it is reported at the end).</summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        async Task AttemptAsync(Func<Task> step)
        {
            try
            {
                await step();
            }
#pragma warning disable CA1031 // Teardown goes on; the failure is rethrown below.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Enqueue(ex);
            }
        }

        foreach (var host in _hosts.Values.Reverse())
        {
            var stopping = TimeProvider.System.GetTimestamp();
            await AttemptAsync(() => host.DisposeAsync().AsTask());
            if (TimeProvider.System.GetElapsedTime(stopping) is { TotalSeconds: > 5 } took)
            {
                // Not a failure, but the kind of stall that makes a test take 20 s where its siblings take 2.
                TestContext.Current.SendDiagnosticMessage($"{host.Name} took {took.TotalSeconds:F1} s to stop");
            }
        }

        _hosts.Clear();

        // Together: each DROP DATABASE waits for a checkpoint, and concurrent drops share one.
        await Task.WhenAll(_databases.Values.Select(database => AttemptAsync(() => _infrastructure.DropDatabaseAsync(database))));

        _databases.Clear();
        if (_ownVirtualHost is { } vhost)
        {
            _ownVirtualHost = null;
            await AttemptAsync(() => _infrastructure.DeleteVirtualHostAsync(vhost));
        }

        if (!failures.IsEmpty)
        {
            throw new AggregateException("Stopping the test system failed.", failures);
        }
    }
}
