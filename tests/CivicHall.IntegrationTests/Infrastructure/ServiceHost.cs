using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>One CivicHall process (a service or the gateway) hosted in the test process.</summary>
public interface IServiceHost : IAsyncDisposable
{
    string Name { get; }

    IServiceProvider Services { get; }

    /// <summary>The real http address when the host listens on Kestrel (needed behind the gateway).</summary>
    Uri? Address { get; }

    HttpClient CreateClient();
}

/// <summary>
/// Hosts the service whose assembly holds <typeparamref name="TEntryPoint"/> with the given
/// configuration — the same keys Aspire and scripts/run inject (ConnectionStrings__*, services__*).
/// </summary>
public sealed class ServiceHost<TEntryPoint> : WebApplicationFactory<TEntryPoint>, IServiceHost
    where TEntryPoint : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly string _environment;
    private readonly bool _listenOnKestrel;

    /// <summary>Starts the host (in the constructor: a host that cannot start throws here).</summary>
    /// <param name="environment">The hosting environment; outside Development a process needs real keys.</param>
    public ServiceHost(
        string name,
        IReadOnlyDictionary<string, string?> settings,
        bool listenOnKestrel,
        TimeProvider? clock = null,
        Action<IServiceCollection>? configureServices = null,
        string environment = "Development")
    {
        Name = name;
        _settings = settings;
        _clock = clock;
        _configureServices = configureServices;
        _environment = environment;
        try
        {
            if (listenOnKestrel)
            {
                // The port comes from the address setting (see ConfigureWebHost), not UseKestrel(port):
                // that one rewrites the server's addresses after the host is built, and a process that
                // starts its server straight after building (the gateway has no migrations to run
                // first) can be listening by then — "Addresses cannot be modified after the server has started".
                _listenOnKestrel = true;
                UseKestrel();
                StartServer();
                var addresses = base.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
                Address = new Uri(addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
            }
            else
            {
                StartServer();
            }
        }
        catch
        {
            // Whatever part of the host did start (background services, a listening socket) stops with it.
            Dispose();
            throw;
        }
    }

    public string Name { get; }

    public Uri? Address { get; }

    IServiceProvider IServiceHost.Services => Services;

    HttpClient IServiceHost.CreateClient() => Address is null ? CreateClient() : new HttpClient { BaseAddress = Address };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        if (_listenOnKestrel)
        {
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_clock));
        }

        if (_configureServices is not null)
        {
            builder.ConfigureServices(_configureServices);
        }
    }
}
