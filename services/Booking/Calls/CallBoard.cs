using System.Collections.Concurrent;

namespace CivicHall.Booking.Calls;

/// <summary>
/// The calls of each hall whose calling screen is open, in memory: one loop per hall (on this replica) reads the calls made
/// since the last it saw, every <see cref="PollInterval"/> or at once when a call is made here (<see cref="Pulse"/>), and wakes
/// every screen of the hall. A hundred screens cost one query per interval, and calls made on another replica reach them
/// within the interval, with no broker in the way. The loop stops when the hall's last screen closes.
/// </summary>
public sealed partial class CallBoard(IServiceScopeFactory scopes, ILogger<CallBoard> logger) : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How many of the latest calls a screen gets when it connects, and the board keeps per hall.</summary>
    public const int Backlog = 10;

    private readonly ConcurrentDictionary<string, HallFeed> _halls = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts (or joins) the hall's feed; dispose the answer when the screen goes.</summary>
    public HallFeed Subscribe(string hallId)
    {
        lock (_halls)
        {
            var feed = _halls.GetOrAdd(hallId, id => new HallFeed(id));
            if (feed.Subscribers++ == 0)
            {
                feed.Loop = Task.Run(() => RunAsync(feed, _stopping.Token));
            }

            return feed;
        }
    }

    internal void Unsubscribe(HallFeed feed)
    {
        lock (_halls)
        {
            if (--feed.Subscribers == 0)
            {
                feed.Stop.Cancel();
                _halls.TryRemove(new KeyValuePair<string, HallFeed>(feed.HallId, feed));
            }
        }
    }

    /// <summary>A call was just made in the hall here: read it now rather than at the next interval.</summary>
    public void Pulse(string hallId)
    {
        if (_halls.TryGetValue(hallId, out var feed))
        {
            feed.Wake();
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(HallFeed feed, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, feed.Stop.Token);
        var token = linked.Token;
        long? last = null;
        while (!token.IsCancellationRequested)
        {
            var woken = feed.NextWake();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
                var query = db.TicketCalls.AsNoTracking().Where(c => c.HallId == feed.HallId);
                var calls = last is { } after
                    ? await query.Where(c => c.Id > after).OrderBy(c => c.Id).Take(500).ToListAsync(token)
                    : [.. (await query.OrderByDescending(c => c.Id).Take(Backlog).ToListAsync(token)).OrderBy(c => c.Id)];
                if (calls.Count > 0)
                {
                    last = calls[^1].Id;
                    feed.Publish(calls.Select(c => new ScreenCall(c.Id, c.TicketNumber, c.WindowId, c.WindowName, c.CalledAt.ToUniversalTime(), c.Recall)));
                }
                else if (last is null)
                {
                    last = 0;
                    feed.Publish([]);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex, feed.HallId);
            }

            try
            {
                await Task.WhenAny(woken, Task.Delay(PollInterval, token));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the calls of hall {HallId} for its screens failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string hallId);
}

/// <summary>One hall's latest calls (at most <see cref="CallBoard.Backlog"/>... plus what came since a screen last read) and the signal of new ones.</summary>
public sealed class HallFeed(string hallId)
{
    private readonly object _gate = new();
    private readonly List<ScreenCall> _recent = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _loaded;

    public string HallId { get; } = hallId;

    internal int Subscribers { get; set; }

    internal Task? Loop { get; set; }

    internal CancellationTokenSource Stop { get; } = new();

    /// <summary>The calls after <paramref name="afterId"/> (all kept ones when null), and the task that completes on the next change.</summary>
    public (IReadOnlyList<ScreenCall> Calls, Task Changed, bool Loaded) After(long? afterId)
    {
        lock (_gate)
        {
            return ([.. _recent.Where(c => afterId is null || c.CallId > afterId)], _changed.Task, _loaded);
        }
    }

    internal void Publish(IEnumerable<ScreenCall> calls)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _recent.AddRange(calls);
            if (_recent.Count > CallBoard.Backlog * 50)
            {
                _recent.RemoveRange(0, _recent.Count - CallBoard.Backlog * 50);
            }

            _loaded = true;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    internal Task NextWake()
    {
        lock (_gate)
        {
            if (_wake.Task.IsCompleted)
            {
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _wake.Task;
        }
    }

    internal void Wake()
    {
        lock (_gate)
        {
            _wake.TrySetResult();
        }
    }
}
