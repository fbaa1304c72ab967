using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivicHall.ServiceDefaults.Hosting;

/// <summary>
/// A background job that makes one pass at start and then one every <c>interval</c> on the given
/// clock, each pass in a service scope of its own. A pass that fails is logged and the next tick
/// tries again (a database restart must not stop the job for the life of the process); only the
/// host stopping ends it. Passes are meant to be safe on many replicas at once.
/// </summary>
public abstract partial class PeriodicSweep(TimeSpan interval, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger logger)
    : BackgroundService
{
    protected TimeProvider TimeProvider { get; } = timeProvider;

    protected ILogger Logger { get; } = logger;

    /// <summary>One pass now, outside the schedule (tests, operators); returns how many rows it handled.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await SweepAsync(scope.ServiceProvider, TimeProvider.GetUtcNow(), cancellationToken);
    }

    /// <summary>The work of one pass, with the pass's scope and the time it started; returns how many rows it handled.</summary>
    protected abstract Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, TimeProvider);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed pass is retried at the next tick (database restarts included).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPassFailed(Logger, GetType().Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Sweep} failed; retrying at the next tick")]
    private static partial void LogPassFailed(ILogger logger, string sweep, Exception exception);
}
