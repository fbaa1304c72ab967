using System.Threading.Channels;

namespace CivicHall.IntegrationTests.Occupancy;

/// <summary>One server-sent event as a client's EventSource dispatches it.</summary>
public sealed record SseEvent(string? Id, string Type, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    public long Sequence => Json.GetProperty("sequence").GetInt64();
}

/// <summary>
/// A client of <c>GET …/occupancy/stream</c>: reads the response as it arrives
/// (<see cref="HttpCompletionOption.ResponseHeadersRead"/>) and parses it as the WHATWG event-stream
/// format says: <c>field: value</c> lines, comments starting with a colon, an event per blank line.
/// </summary>
public sealed class LiveListener : IAsyncDisposable
{
    private readonly Channel<SseEvent> _events = Channel.CreateUnbounded<SseEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private int _comments;

    private LiveListener(HttpResponseMessage response)
    {
        Response = response;
        _reading = Task.Run(ReadAsync);
    }

    public HttpResponseMessage Response { get; }

    /// <summary>Comment lines (heartbeats) seen so far.</summary>
    public int Comments => Volatile.Read(ref _comments);

    /// <summary>Completes when the server ends the stream.</summary>
    public Task Ended => _reading;

    public static Task<LiveListener> ConnectAsync(HttpClient client, string hallId, CancellationToken cancellationToken) =>
        ConnectToAsync(client, $"/api/v1/halls/{hallId}/occupancy/stream", cancellationToken);

    /// <summary>A client of the stream at <paramref name="path"/> (the public live stream, for one).</summary>
    public static async Task<LiveListener> ConnectToAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return new LiveListener(response);
    }

    /// <summary>The next event, waiting at most <paramref name="timeout"/>.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(20));
        return await _events.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Events up to and including the first that <paramref name="last"/> accepts.</summary>
    public async Task<List<SseEvent>> UntilAsync(Func<SseEvent, bool> last, TimeSpan? timeout = null)
    {
        var received = new List<SseEvent>();
        while (true)
        {
            var next = await NextAsync(timeout);
            received.Add(next);
            if (last(next))
            {
                return received;
            }
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await using var stream = await Response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? id = null;
            var type = "message";
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        _events.Writer.TryWrite(new SseEvent(id, type, data.ToString(0, data.Length - 1)));
                    }

                    type = "message";
                    data.Clear();
                    continue;
                }

                if (line[0] == ':')
                {
                    Interlocked.Increment(ref _comments);
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var field = colon < 0 ? line : line[..colon];
                var value = colon < 0 ? string.Empty : line[(colon + 1)..];
                if (value.StartsWith(' '))
                {
                    value = value[1..];
                }

                switch (field)
                {
                    case "id":
                        id = value;
                        break;
                    case "event":
                        type = value;
                        break;
                    case "data":
                        data.Append(value).Append('\n');
                        break;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Response.Dispose();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
