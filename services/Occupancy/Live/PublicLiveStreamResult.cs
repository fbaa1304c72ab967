using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CivicHall.Occupancy.Live;

/// <summary>
/// A hall's public live stream: <c>event: live</c> with the hall's totals now, then again whenever they
/// change, at most once per <see cref="OccupancyFeedOptions.PublicInterval"/> (a door screen needs no
/// more; changes within it are folded into the next event). Each stream reads the hall's totals from
/// <see cref="PublicLiveBoard"/>, in memory, and waits on its signal: a thousand screens cost no query.
/// </summary>
public sealed partial class PublicLiveStreamResult(string hallId) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var options = services.GetRequiredService<IOptions<OccupancyFeedOptions>>().Value;
        var pacing = services.GetRequiredService<LiveFeedPacing>().Clock;
        var board = services.GetRequiredService<PublicLiveBoard>();
        var aborted = httpContext.RequestAborted;

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ServerSentEvents.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await StreamAsync(response, board, json, options, pacing, aborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private async Task StreamAsync(
        HttpResponse response, PublicLiveBoard board, JsonSerializerOptions json, OccupancyFeedOptions options, TimeProvider pacing, CancellationToken aborted)
    {
        var body = response.BodyWriter;
        ServerSentEvents.WriteRetry(body, options.ClientRetry);
        long? last = null;
        while (true)
        {
            // The signal first, then the totals: a change between the two is then not missed.
            var next = board.NextChange(hallId);
            var live = await board.GetAsync(hallId, aborted);
            if (live is null)
            {
                return;
            }

            if (live.Sequence != last)
            {
                ServerSentEvents.WriteEvent(body, "live", live.Sequence, live, json);
                last = live.Sequence;
            }
            else
            {
                body.Write(ServerSentEvents.KeepAlive);
            }

            var written = pacing.GetTimestamp();
            if ((await body.FlushAsync(aborted)).IsCompleted)
            {
                return;
            }

            await Task.WhenAny(next, Task.Delay(options.HeartbeatInterval, pacing, aborted));
            aborted.ThrowIfCancellationRequested();
            var wait = options.PublicInterval - pacing.GetElapsedTime(written);
            if (next.IsCompleted && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, pacing, aborted);
            }
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ServerSentEvents.ContentType]));
    }
}
