namespace CivicHall.Occupancy.Live;

/// <summary>The live feed's settings (<c>Occupancy:LiveFeed</c>).</summary>
public sealed class OccupancyFeedOptions
{
    /// <summary>
    /// Changes a subscriber may have queued and not yet written to its client; one more and the
    /// subscriber is dropped (its stream ends, the client reconnects and starts from a new snapshot).
    /// </summary>
    public int SubscriberBuffer { get; set; } = 256;

    /// <summary>
    /// The shortest time between two writes to one client. A change to a quiet stream goes out at once;
    /// changes that follow within this time are written together at its end: one write and one wake of
    /// the client for many changes when a hall is busy (a screen does not need more than 20 a second),
    /// at the cost of at most this much delay; changes that fill half the subscriber's queue go at once. Zero
    /// writes every change as it comes.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A comment is sent after this long without an event, so idle streams stay open through proxies.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The first wait before listening again after the database connection was lost; doubled per failed attempt.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts to listen again.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new stream waits for the feed to listen (start-up, reconnection) before it is refused with 503.</summary>
    public TimeSpan SubscribeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The shortest time between two events of a public live stream (<c>/api/v1/public/halls/{hallId}/live/stream</c>).</summary>
    public TimeSpan PublicInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The reconnection delay sent to clients (<c>retry:</c>) at the start of each stream.</summary>
    public TimeSpan ClientRetry { get; set; } = TimeSpan.FromSeconds(2);
}
