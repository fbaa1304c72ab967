using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Forwarder;

namespace CivicHall.Gateway.Forwarding;

/// <summary>
/// A caller that closes its connection before its answer (a phone losing signal, a load generator
/// stopping) has nobody left to answer. YARP marks such a request 400, and the problem writer then logged
/// "answered 400 bad_request" for an answer never sent, as if the caller had sent a bad request. Such a
/// request is marked 499 instead (nginx's "client closed request", in the gateway's request metrics and
/// traces), gets no problem body, and is logged at Debug.
/// </summary>
public static partial class CallerGone
{
    public const int ClientClosedRequest = 499;

    public static async Task MarkWhenGoneAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next();

        if (!context.RequestAborted.IsCancellationRequested || context.GetForwarderErrorFeature() is not { } error
            || context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = ClientClosedRequest;
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallerGone).FullName!);
        LogCallerGone(logger, context.Request.Method, context.GetReverseProxyFeature().Route.Config.RouteId, error.Error);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} on route {RouteId}: the caller closed its connection before the answer ({Error}); marked 499")]
    private static partial void LogCallerGone(ILogger logger, string method, string routeId, ForwarderError error);
}
