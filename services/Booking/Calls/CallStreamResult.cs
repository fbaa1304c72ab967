using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace CivicHall.Booking.Calls;

/// <summary>
/// A hall's calling screen feed (<c>text/event-stream</c>): the latest calls, then each new one as <c>event: call</c> with the
/// call's id as <c>id</c>; <c>: keep-alive</c> every 15 s. Read from <see cref="CallBoard"/> in memory: no query per screen.
/// </summary>
public sealed class CallStreamResult(string hallId) : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var json = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var board = httpContext.RequestServices.GetRequiredService<CallBoard>();
        var aborted = httpContext.RequestAborted;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var feed = board.Subscribe(hallId);
        try
        {
            await response.WriteAsync("retry: 2000\n\n", aborted);
            await response.Body.FlushAsync(aborted);
            long? last = null;
            var first = true;
            while (true)
            {
                var (calls, changed, loaded) = feed.After(last);
                if (loaded)
                {
                    var shown = first ? calls.TakeLast(CallBoard.Backlog) : calls;
                    var text = new StringBuilder();
                    foreach (var call in shown)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"id: {call.CallId}\nevent: call\ndata: {JsonSerializer.Serialize(call, json)}\n\n");
                        last = call.CallId;
                    }

                    if (calls.Count > 0)
                    {
                        last = calls[^1].CallId;
                    }

                    last ??= 0;
                    first = false;
                    if (text.Length > 0)
                    {
                        await response.WriteAsync(text.ToString(), aborted);
                        await response.Body.FlushAsync(aborted);
                    }
                }

                if (await Task.WhenAny(changed, Task.Delay(Heartbeat, aborted)) != changed)
                {
                    await response.WriteAsync(": keep-alive\n\n", aborted);
                    await response.Body.FlushAsync(aborted);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The screen went away.
        }
        finally
        {
            board.Unsubscribe(feed);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [ContentType]));
    }
}
