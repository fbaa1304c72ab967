using Microsoft.Extensions.DependencyInjection;

namespace CivicHall.ServiceDefaults.Hosting;

public static class HostedSingletonExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TService"/> once, as a singleton that is also the hosted service, so
    /// endpoints and tests that resolve it reach the instance that runs (to nudge it, or run a pass).
    /// </summary>
    public static IServiceCollection AddHostedSingleton<TService>(this IServiceCollection services)
        where TService : class, Microsoft.Extensions.Hosting.IHostedService
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<TService>();
        services.AddHostedService(provider => provider.GetRequiredService<TService>());
        return services;
    }
}
