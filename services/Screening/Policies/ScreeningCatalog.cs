using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CivicHall.Screening.Policies;

/// <summary>
/// Each hall and its policy versions, held in memory for a few seconds so that a reading costs no
/// lookups: versions are never edited, so the one in force at any instant is chosen here. A version
/// added through this replica is seen at once (<see cref="Forget"/>); one added through another
/// replica, or a hall change, within <see cref="ScreeningCatalogOptions.EntryLifetime"/>.
/// </summary>
public sealed class ScreeningCatalog(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, IOptions<ScreeningCatalogOptions> options)
{
    private readonly ConcurrentDictionary<string, Task<Entry>> _entries = new(StringComparer.Ordinal);

    /// <summary>The hall (null when unknown) and the policy version in force at <paramref name="at"/> (null when none).</summary>
    public async Task<(KnownHall? Hall, ScreeningPolicy? Policy)> ResolveAsync(string hallId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var current = _entries.GetOrAdd(hallId, LoadAsync);
        if (current.IsCompleted && (!current.IsCompletedSuccessfully || current.Result.ValidUntil <= now))
        {
            var fresh = LoadAsync(hallId);
            current = _entries.TryUpdate(hallId, fresh, current) ? fresh : _entries.GetOrAdd(hallId, LoadAsync);
        }

        var entry = await current.WaitAsync(cancellationToken);
        return (entry.Hall, entry.InForce(at));
    }

    /// <summary>Drops what is held for a hall, after this replica changed it.</summary>
    public void Forget(string hallId) => _entries.TryRemove(hallId, out _);

    private async Task<Entry> LoadAsync(string hallId)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScreeningDbContext>();
        var hall = await db.Halls.AsNoTracking().FirstOrDefaultAsync(h => h.HallId == hallId);
        var policies = hall is null ? [] : await db.Policies.AsNoTracking().Where(p => p.HallId == hallId).ToListAsync();
        return new Entry(hall, policies, timeProvider.GetUtcNow() + options.Value.EntryLifetime);
    }

    private sealed record Entry(KnownHall? Hall, List<ScreeningPolicy> Policies, DateTimeOffset ValidUntil)
    {
        public ScreeningPolicy? InForce(DateTimeOffset at) => ScreeningPolicies.InForce(Policies, at);
    }
}

public sealed class ScreeningCatalogOptions
{
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromSeconds(5);
}
