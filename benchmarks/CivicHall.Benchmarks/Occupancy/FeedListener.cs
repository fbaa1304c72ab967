using System.Globalization;
using System.Net;

namespace CivicHall.Benchmarks.Occupancy;

/// <summary>
/// One client of the live feed, <c>GET /api/v1/halls/{hallId}/occupancy/stream</c> (server-sent events):
/// an <c>event: snapshot</c> (the floor now, with its <c>sequence</c>), then an <c>event: change</c> frame
/// per change (<c>id: sequence</c>, data <c>{hallId, sequence, change, at, inside, capacity, queueLength, …}</c>).
/// Keeps, per change frame, when it arrived, its sequence, its kind and its <c>at</c> (the movement's time
/// in the database, which joins it to the movement the load generator sent), without an object per frame:
/// 200 listeners keep about a million frames, and a heap of that many strings made the generator's own
/// collections pause it, which showed up as delay of the system it measures.
/// </summary>
internal sealed class FeedListener
{
    private readonly TaskCompletionSource<HttpStatusCode> _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A change frame: <see cref="Change"/> is one of a few constant strings, <see cref="AtMicros"/> −1 when absent.</summary>
    public readonly record struct Frame(long ReceivedTicks, long Sequence, string Change, long AtMicros);

    /// <summary>The snapshot's status: 200 when it came, else the answer's status (404: no feed on this build).</summary>
    public Task<HttpStatusCode> Snapshot => _snapshot.Task;

    public long SnapshotSequence { get; private set; } = -1;

    /// <summary>From sending the request to the snapshot's arrival.</summary>
    public TimeSpan TimeToSnapshot { get; private set; }

    public List<Frame> Frames { get; } = [];

    public string? Error { get; private set; }

    public long LastSequence { get; private set; } = -1;

    public async Task RunAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                _snapshot.TrySetResult(response.StatusCode);
                return;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream);
            string? kind = null, id = null, data = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    if (line.StartsWith("event:", StringComparison.Ordinal))
                    {
                        kind = line[6..].Trim();
                    }
                    else if (line.StartsWith("id:", StringComparison.Ordinal))
                    {
                        id = line[3..].Trim();
                    }
                    else if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        data = data is null ? line[5..].TrimStart() : data + "\n" + line[5..].TrimStart();
                    }

                    continue;
                }

                var received = DateTime.UtcNow.Ticks;
                if (kind == "snapshot" && data is not null)
                {
                    SnapshotSequence = LastSequence = Number(data, "sequence") ?? -1;
                    TimeToSnapshot = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                    _snapshot.TrySetResult(HttpStatusCode.OK);
                }
                else if (kind == "change" && data is not null)
                {
                    var sequence = id is not null && long.TryParse(id, CultureInfo.InvariantCulture, out var n) ? n : Number(data, "sequence") ?? -1;
                    Frames.Add(new Frame(received, sequence, Kind(Text(data, "change")), AtMicros(Text(data, "at"))));
                    LastSequence = Math.Max(LastSequence, sequence);
                }

                kind = id = data = null;
            }

            Error ??= "the server ended the stream";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Error = e.Message;
        }
        finally
        {
            _snapshot.TrySetResult(0);
        }
    }

    /// <summary>The frame's kind as a constant (the timed ones), so no frame keeps a string of its own.</summary>
    private static string Kind(string? change) => change switch
    {
        "admitted" => "admitted",
        "queued" => "queued",
        "exited" => "exited",
        "queue_advanced" => "queue_advanced",
        _ => "other",
    };

    private static long AtMicros(string? at) =>
        at is not null && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? Notifications.Micros(value) : -1;

    /// <summary>
    /// A string property of a flat JSON object, found by text (cheaper than parsing 40,000 frames a
    /// second); tolerates the spaces PostgreSQL's json_build_object puts around the colon.
    /// </summary>
    private static string? Text(string json, string name)
    {
        var at = ValueAt(json, name);
        if (at < 0 || json[at] != '"')
        {
            return null;
        }

        var end = json.IndexOf('"', at + 1);
        return end < 0 ? null : json[(at + 1)..end];
    }

    private static long? Number(string json, string name)
    {
        var at = ValueAt(json, name);
        if (at < 0)
        {
            return null;
        }

        var end = at;
        while (end < json.Length && char.IsAsciiDigit(json[end]))
        {
            end++;
        }

        return long.TryParse(json.AsSpan(at, end - at), CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>Where the value of the first property <paramref name="name"/> starts, or −1.</summary>
    private static int ValueAt(string json, string name)
    {
        var key = $"\"{name}\"";
        for (var at = json.IndexOf(key, StringComparison.Ordinal); at >= 0; at = json.IndexOf(key, at + 1, StringComparison.Ordinal))
        {
            var i = at + key.Length;
            while (i < json.Length && json[i] == ' ')
            {
                i++;
            }

            if (i < json.Length && json[i] == ':')
            {
                i++;
                while (i < json.Length && json[i] == ' ')
                {
                    i++;
                }

                return i < json.Length ? i : -1;
            }
        }

        return -1;
    }
}
