using System.Collections.Concurrent;

namespace CivicHall.Occupancy.Live;

/// <summary>
/// The public live view of every hall, kept in memory: a hall's totals are read from the database once
/// (the first reader of the hall, however many ask at the same time) and then follow the feed's changes
/// (<see cref="OccupancyFeed"/> calls <see cref="Apply"/> for every change it hears), so neither a request
/// nor a stream of the public view queries the database per client. While the feed is not listening it
/// may miss changes: then (<see cref="SetListening"/>) nothing is kept, and every hall is read again. Each hall has
/// a signal its public streams wait on; a change replaces it.
/// </summary>
public sealed class PublicLiveBoard(IServiceScopeFactory scopes, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Entry> _halls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<PublicHallLive?>>> _reads = new(StringComparer.Ordinal);
    private long _generation;
    private volatile bool _listening;

    /// <summary>The hall's public totals; null for a hall occupancy does not know.</summary>
    public async Task<PublicHallLive?> GetAsync(string hallId, CancellationToken cancellationToken)
    {
        if (_halls.TryGetValue(hallId, out var known) && known.Live is { } live)
        {
            return live;
        }

        // One read per hall however many ask at once; only halls that exist get an entry, so probing
        // unknown ids costs a query each but never memory.
        var generation = Interlocked.Read(ref _generation);
        var read = _reads.GetOrAdd(hallId, id => new Lazy<Task<PublicHallLive?>>(() => ReadAsync(id)));
        PublicHallLive? view;
        try
        {
            view = await read.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _reads.TryRemove(KeyValuePair.Create(hallId, read));
        }

        if (view is null)
        {
            return null;
        }

        var entry = _halls.GetOrAdd(hallId, _ => new Entry());
        lock (entry)
        {
            // A read begun before the feed was interrupted may predate changes it missed: answer it, keep it not.
            if (_listening && generation == Interlocked.Read(ref _generation) && (entry.Live is null || entry.Live.Sequence < view.Sequence))
            {
                entry.Live = view;
            }

            return entry.Live is { } held && held.Sequence >= view.Sequence ? held : view;
        }
    }

    /// <summary>What the streams of <paramref name="hallId"/> wait on: completed by the hall's next change.</summary>
    public Task NextChange(string hallId) => _halls.GetOrAdd(hallId, _ => new Entry()).Changed.Task;

    /// <summary>A change the feed heard: the hall's totals after it (when newer than those held), and its streams woken.</summary>
    public void Apply(OccupancyChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!_halls.TryGetValue(change.HallId, out var entry))
        {
            return;
        }

        TaskCompletionSource changed;
        lock (entry)
        {
            if (entry.Live is not null && entry.Live.Sequence < change.Sequence)
            {
                entry.Live = PublicHallLive.From(change);
            }

            changed = entry.Changed;
            entry.Changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// The feed started (true) or stopped (false) listening: what is held may have missed changes, so every
    /// hall is read again; while it does not listen nothing read is kept.
    /// </summary>
    public void SetListening(bool listening)
    {
        _listening = listening;
        Interlocked.Increment(ref _generation);
        foreach (var entry in _halls.Values)
        {
            TaskCompletionSource changed;
            lock (entry)
            {
                entry.Live = null;
                changed = entry.Changed;
                entry.Changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }
    }

    private async Task<PublicHallLive?> ReadAsync(string hallId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OccupancyDbContext>();
        var view = await FloorEndpoints.ReadAsync(db, hallId, timeProvider.GetUtcNow(), CancellationToken.None);
        return view is null ? null : PublicHallLive.From(view);
    }

    private sealed class Entry
    {
        public PublicHallLive? Live { get; set; }

        public TaskCompletionSource Changed { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
