using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

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

    public ServiceHost(
        string name, IReadOnlyDictionary<string, string?> settings, bool listenOnKestrel, TimeProvider? clock = null, Action<IServiceCollection>? configureServices = null)
    {
        Name = name;
        _settings = settings;
        _clock = clock;
        _configureServices = configureServices;
        if (listenOnKestrel)
        {
            UseKestrel(0);
            StartServer();
            var addresses = base.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            Address = new Uri(addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        }
        else
        {
            StartServer();
        }
    }

    public string Name { get; }

    public Uri? Address { get; }

    IServiceProvider IServiceHost.Services => Services;

    HttpClient IServiceHost.CreateClient() => Address is null ? CreateClient() : new HttpClient { BaseAddress = Address };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
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
