using System.Globalization;
using System.Threading.RateLimiting;
using CivicHall.Gateway.Portal;
using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace CivicHall.Gateway.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter in front of the proxy (README "Rate limits"): a token bucket per client — the
/// portal's app key for signed calls, the validated token's subject for bearer calls, the remote IP for
/// anonymous ones — chained with one per person for booking writes, and the named per-IP policy
/// <see cref="RateLimitOptions.PublicLiveViewPolicy"/>. <c>/health</c>, <c>/alive</c>, <c>/openapi/*</c> and
/// <c>/docs*</c> are never limited. A refusal is 429 <c>too_many_requests</c> with <c>Retry-After</c>.
/// The partition of a request is read from its claims: no allocation and no lookup beyond them.
/// </summary>
public static class RateLimitSetup
{
    private enum Kind
    {
        Exempt,
        App,
        Subject,
        Address,
        Person,
    }

    public static void AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        foreach (var (name, bucket) in new[] { ("PerClient", options.PerClient), ("Anonymous", options.Anonymous), ("BookingWrites", options.BookingWrites), ("PublicLiveView", options.PublicLiveView) })
        {
            if (bucket.PermitsPerSecond < 1 || bucket.Burst < 1)
            {
                throw new InvalidOperationException($"{RateLimitOptions.SectionName}:{name}: PermitsPerSecond and Burst must be at least 1.");
            }
        }

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, (Kind, string)>(context => Bucket(ClientOf(context), options.PerClient, options.Anonymous)),
                PartitionedRateLimiter.Create<HttpContext, (Kind, string)>(context => Bucket(PersonWriting(context), options.BookingWrites, options.BookingWrites)));
            limiter.AddPolicy(RateLimitOptions.PublicLiveViewPolicy, context =>
                Bucket((Kind.Address, context.Connection.RemoteIpAddress?.ToString() ?? string.Empty), options.PublicLiveView, options.PublicLiveView));
        });
    }

    private static RateLimitPartition<(Kind, string)> Bucket((Kind Kind, string Value) key, RateLimitBucket client, RateLimitBucket anonymous) =>
        key.Kind == Kind.Exempt
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetTokenBucketLimiter(key, _ => Options(key.Kind == Kind.Address ? anonymous : client));

    private static TokenBucketRateLimiterOptions Options(RateLimitBucket bucket) => new()
    {
        TokenLimit = bucket.Burst,
        TokensPerPeriod = bucket.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static (Kind, string) ClientOf(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(ServiceDefaults.Extensions.AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(ServiceDefaults.Extensions.HealthEndpointPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase))
        {
            return (Kind.Exempt, string.Empty);
        }

        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            if (user.FindFirst(PortalTokenIssuer.ClientIdClaim)?.Value is { } appKey)
            {
                return (Kind.App, appKey);
            }

            if (user.FindFirst("sub")?.Value is { } subject)
            {
                return (Kind.Subject, subject);
            }
        }

        return (Kind.Address, context.Connection.RemoteIpAddress?.ToString() ?? string.Empty);
    }

    private static (Kind, string) PersonWriting(HttpContext context)
    {
        var request = context.Request;
        return HttpMethods.IsPost(request.Method)
               && request.Path.StartsWithSegments("/api/v1/bookings", StringComparison.OrdinalIgnoreCase)
               && context.User.Identity?.IsAuthenticated == true
               && context.User.FindFirst("sub")?.Value is { } person
            ? (Kind.Person, person)
            : (Kind.Exempt, string.Empty);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new LocalizedProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                LocalizedDetail = new Bilingual($"请求过于频繁，请于 {seconds} 秒后重试。", $"Too many requests; retry in {seconds} s."),
                Extensions = { ["code"] = ProblemCodes.TooManyRequests },
            },
        });
    }
}
