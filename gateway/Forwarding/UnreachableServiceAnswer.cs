using System.Globalization;
using CivicHall.ServiceDefaults.Problems;
using Yarp.ReverseProxy.Forwarder;

namespace CivicHall.Gateway.Forwarding;

/// <summary>
/// When the service behind a route cannot be reached (not running, restarting, refusing connections)
/// or does not answer in time, YARP leaves a bare 502 or 504. What a caller needs to hear is the same
/// as from a service whose database is away: 503 <c>temporarily_unavailable</c> with <c>Retry-After</c>,
/// as problem+json — the other routes keep working meanwhile.
/// </summary>
public static class UnreachableServiceAnswer
{
    public const int RetryAfterSeconds = 2;

    public static async Task WriteWhenUnreachableAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next();

        if (context.GetForwarderErrorFeature() is not { } error || context.Response.HasStarted
            || context.Response.StatusCode is not (StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout))
        {
            return;
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Extensions = { ["code"] = ProblemCodes.TemporarilyUnavailable },
            },
            Exception = error.Exception,
        });
    }
}
