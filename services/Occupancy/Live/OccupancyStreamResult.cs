using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CivicHall.Occupancy.Live;

/// <summary>
/// A hall's live stream: <c>event: snapshot</c> (the floor as read after subscribing), then
/// <c>event: change</c> for every change committed after it, each with its sequence as <c>id</c>.
/// Changes the snapshot already holds (sequence ≤ the snapshot's) are skipped; a gap in the
/// sequence, or the feed ending the subscription, ends the stream so that the client reconnects
/// and starts again from a new snapshot. Whatever is queued is written before one flush, at most one
/// flush per <see cref="OccupancyFeedOptions.FlushInterval"/>; a comment is sent when nothing was for
/// <see cref="OccupancyFeedOptions.HeartbeatInterval"/>.
/// </summary>
public sealed partial class OccupancyStreamResult(OccupancySubscription subscription, OccupancyView snapshot) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var _ = subscription;
        var services = httpContext.RequestServices;
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var options = services.GetRequiredService<IOptions<OccupancyFeedOptions>>().Value;
        var pacing = services.GetRequiredService<LiveFeedPacing>().Clock;
        var logger = services.GetRequiredService<ILogger<OccupancyStreamResult>>();
        var aborted = httpContext.RequestAborted;

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ServerSentEvents.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        try
        {
            var end = await StreamAsync(response, json, options, pacing, logger, aborted);
            LogEnded(logger, subscription.HallId, end);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: nothing to report.
        }
        catch (IOException) when (aborted.IsCancellationRequested)
        {
            // The client went away while a flush was under way.
        }
    }

    /// <summary>Writes until the stream should end; why it ended.</summary>
    private async Task<string> StreamAsync(
        HttpResponse response, JsonSerializerOptions json, OccupancyFeedOptions options, TimeProvider pacing, ILogger logger, CancellationToken aborted)
    {
        var body = response.BodyWriter;
        ServerSentEvents.WriteRetry(body, options.ClientRetry);
        ServerSentEvents.WriteEvent(body, "snapshot", snapshot.Sequence, snapshot, json);

        // A write's time is taken before it is flushed: by the time the client has it, it is recorded.
        var lastFlush = pacing.GetTimestamp();
        if ((await body.FlushAsync(aborted)).IsCompleted)
        {
            return SubscriptionEndReasons.Closed;
        }

        var last = snapshot.Sequence;
        var changes = subscription.Changes;
        var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        try
        {
            while (true)
            {
                heartbeat.CancelAfter(options.HeartbeatInterval);
                bool open;
                try
                {
                    open = await changes.WaitToReadAsync(heartbeat.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    body.Write(ServerSentEvents.KeepAlive);
                    if ((await body.FlushAsync(aborted)).IsCompleted)
                    {
                        return SubscriptionEndReasons.Closed;
                    }

                    heartbeat.Dispose();
                    heartbeat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                    continue;
                }

                if (!open || subscription.EndReason is not null)
                {
                    // Ended by the feed: what is still queued is not written, since the client
                    // starts again from a snapshot anyway.
                    return subscription.EndReason ?? SubscriptionEndReasons.Closed;
                }

                // A busy hall: let the changes of the rest of the interval join this one (on the pacing
                // clock, real time: this paces a connection, it is no rule of the hall's day).
                // A burst that half fills the queue is written at once, so pacing can never make it lag.
                var untilNextFlush = options.FlushInterval - pacing.GetElapsedTime(lastFlush);
                if (untilNextFlush > TimeSpan.Zero)
                {
                    var halfFull = subscription.HalfFullAsync();
                    if (!halfFull.IsCompleted)
                    {
                        await Task.WhenAny(halfFull, Task.Delay(untilNextFlush, pacing, aborted));
                        aborted.ThrowIfCancellationRequested();
                    }

                    if (subscription.EndReason is not null)
                    {
                        return subscription.EndReason;
                    }
                }

                var gap = false;
                while (!gap && changes.TryRead(out var frame))
                {
                    if (frame.Sequence <= last)
                    {
                        continue;
                    }

                    if (frame.Sequence != last + 1)
                    {
                        gap = true;
                        break;
                    }

                    body.Write(frame.Bytes.Span);
                    last = frame.Sequence;
                }

                lastFlush = pacing.GetTimestamp();
                if ((await body.FlushAsync(aborted)).IsCompleted)
                {
                    return SubscriptionEndReasons.Closed;
                }

                if (gap)
                {
                    LogGap(logger, subscription.HallId, last);
                    return "sequence_gap";
                }
            }
        }
        finally
        {
            heartbeat.Dispose();
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ServerSentEvents.ContentType]));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live stream of hall {HallId} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string hallId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live stream of hall {HallId} saw a change out of sequence after {Sequence}; ended so its client starts again from a snapshot")]
    private static partial void LogGap(ILogger logger, string hallId, long sequence);
}
