namespace CivicHall.Gateway.RateLimiting;

/// <summary>A token bucket: <see cref="PermitsPerSecond"/> refilled each second, up to <see cref="Burst"/> at once.</summary>
public sealed class RateLimitBucket
{
    public int PermitsPerSecond { get; set; }

    public int Burst { get; set; }
}

/// <summary>
/// The <c>RateLimits</c> section (README "Rate limits"). Each replica of the gateway counts on its own: with
/// two replicas a client can make up to twice the rate. The defaults are far above what a busy hall's
/// real traffic makes; they are there to stop a runaway client, not to shape traffic.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>The name of the per-IP policy of the anonymous public live view: set it as a route's <c>RateLimiterPolicy</c>.</summary>
    public const string PublicLiveViewPolicy = "public-live-view";

    /// <summary>Per client: a signed portal's app key, a bearer token's subject.</summary>
    public RateLimitBucket PerClient { get; set; } = new() { PermitsPerSecond = 300, Burst = 600 };

    /// <summary>Per remote IP, for calls without a (valid) token or signature.</summary>
    public RateLimitBucket Anonymous { get; set; } = new() { PermitsPerSecond = 100, Burst = 200 };

    /// <summary>Per person (a token's subject, or the citizen a portal names) for booking writes: POST under /api/v1/bookings.</summary>
    public RateLimitBucket BookingWrites { get; set; } = new() { PermitsPerSecond = 10, Burst = 50 };

    /// <summary>Per remote IP on routes with the <see cref="PublicLiveViewPolicy"/> policy.</summary>
    public RateLimitBucket PublicLiveView { get; set; } = new() { PermitsPerSecond = 10, Burst = 40 };
}
