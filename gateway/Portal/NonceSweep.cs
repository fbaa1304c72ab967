using CivicHall.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace CivicHall.Gateway.Portal;

/// <summary>
/// Deletes the nonces seen more than twice the timestamp window ago: a request signed at T is accepted
/// until T + window, and its nonce was seen at T − window at the earliest, so by then no request could
/// reuse it. Safe on every replica at once.
/// </summary>
public sealed class NonceSweep(IOptions<PortalOptions> options, NonceStore store, IServiceScopeFactory scopeFactory, TimeProvider timeProvider, ILogger<NonceSweep> logger)
    : PeriodicSweep(options.Value.NonceSweepInterval, scopeFactory, timeProvider, logger)
{
    private readonly TimeSpan _keep = options.Value.TimestampWindow * 2;

    protected override Task<int> SweepAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.DeleteSeenBeforeAsync(now - _keep, cancellationToken);
}
