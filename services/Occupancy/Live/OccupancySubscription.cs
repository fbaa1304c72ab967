using System.Threading.Channels;

namespace CivicHall.Occupancy.Live;

/// <summary>
/// One live stream's place in the <see cref="OccupancyFeed"/>: the changes of its hall, in order, in
/// a bounded queue. The feed ends it (the reader completes, <see cref="EndReason"/> says why) when
/// the stream may have missed a change — it fell too far behind, or the feed lost its connection —
/// or when the service shuts down. Disposing it leaves the feed.
/// </summary>
public sealed class OccupancySubscription : IDisposable
{
    private readonly OccupancyFeed _feed;
    private readonly Channel<ChangeFrame> _queue;
    private readonly int _hurryAt;
    private TaskCompletionSource? _hurry;
    private string? _endReason;

    internal OccupancySubscription(OccupancyFeed feed, string hallId, int capacity)
    {
        _feed = feed;
        HallId = hallId;
        _hurryAt = Math.Max(1, capacity / 2);
        _queue = Channel.CreateBounded<ChangeFrame>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string HallId { get; }

    /// <summary>The hall's changes since the subscription began; completes when it ends.</summary>
    public ChannelReader<ChangeFrame> Changes => _queue.Reader;

    /// <summary>Null while running; else one of <see cref="SubscriptionEndReasons"/>.</summary>
    public string? EndReason => Volatile.Read(ref _endReason);

    /// <summary>False when the queue is full (or the subscription ended): never waits.</summary>
    internal bool TryWrite(ChangeFrame frame)
    {
        if (!_queue.Writer.TryWrite(frame))
        {
            return false;
        }

        if (_queue.Reader.Count >= _hurryAt)
        {
            Volatile.Read(ref _hurry)?.TrySetResult();
        }

        return true;
    }

    /// <summary>
    /// Completes once the queue is half full (at once if it is already) or the subscription ends: a
    /// stream holding its changes back to write them together stops waiting before it could lag.
    /// </summary>
    internal Task HalfFullAsync()
    {
        var hurry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _hurry, hurry);
        if (_queue.Reader.Count >= _hurryAt || EndReason is not null)
        {
            hurry.TrySetResult();
        }

        return hurry.Task;
    }

    /// <summary>Ends the subscription once; true for the call that ended it.</summary>
    internal bool End(string reason)
    {
        if (Interlocked.CompareExchange(ref _endReason, reason, null) is not null)
        {
            return false;
        }

        _queue.Writer.TryComplete();
        Volatile.Read(ref _hurry)?.TrySetResult();
        return true;
    }

    public void Dispose() => _feed.Unsubscribe(this, SubscriptionEndReasons.Closed);
}

/// <summary>Why a subscription ended.</summary>
public static class SubscriptionEndReasons
{
    /// <summary>The stream closed it (client gone, stream over).</summary>
    public const string Closed = "closed";

    /// <summary>Its queue was full: the client reads slower than the hall changes.</summary>
    public const string Lagging = "lagging";

    /// <summary>The feed lost its database connection; changes may have been missed.</summary>
    public const string FeedInterrupted = "feed_interrupted";

    /// <summary>The service is stopping.</summary>
    public const string ShuttingDown = "shutting_down";
}
