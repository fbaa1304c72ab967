namespace CivicHall.IntegrationTests.Probes;

/// <summary>What came back for one probe request: enough to judge it and to quote it in a report.</summary>
public sealed record ProbeOutcome(int Status, string? MediaType, string Body, string? Code, string? TraceId, string? Error)
{
    public const string ProblemJson = "application/problem+json";

    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsProblem => MediaType == ProblemJson && Code is not null;

    /// <summary>A stack trace or an exception's type name in an answer: README promises none leaves a service.</summary>
    public bool LeaksStackTrace =>
        Body.Contains("\n   at ", StringComparison.Ordinal) || Body.Contains("\\n   at ", StringComparison.Ordinal)
        || Body.Contains("Exception:", StringComparison.Ordinal) || Body.Contains("\"exception\"", StringComparison.Ordinal);

    public string Excerpt => ProbeSystem.Excerpt(Error ?? Body);

    /// <summary>Sends a request and reads what it answered; an event stream is judged by its headers alone.</summary>
    public static async Task<ProbeOutcome> OfAsync(HttpClient client, HttpRequestMessage request, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var body = mediaType == "text/event-stream" ? string.Empty : await ReadAsync(response.Content, cts.Token);
            string? code = null, traceId = null;
            if (body.StartsWith('{'))
            {
                try
                {
                    using var json = JsonDocument.Parse(body);
                    if (json.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
                    {
                        code = c.GetString();
                    }

                    if (json.RootElement.TryGetProperty("traceId", out var t) && t.ValueKind == JsonValueKind.String)
                    {
                        traceId = t.GetString();
                    }
                }
                catch (JsonException)
                {
                    // Not a JSON object after all: no code, which the judge reports.
                }
            }

            return new ProbeOutcome((int)response.StatusCode, mediaType, body, code, traceId, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var what = ex is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : $"{ex.GetType().Name}: {ex.Message}";
            return new ProbeOutcome(0, null, string.Empty, null, null, what);
        }
    }

    /// <summary>At most 4 MiB of an answer: a service that echoes a huge field is still judged by its whole problem.</summary>
    private static async Task<string> ReadAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[4 * 1024 * 1024];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        var charset = content.Headers.ContentType?.CharSet;
        return (charset is null ? System.Text.Encoding.UTF8 : System.Text.Encoding.GetEncoding(charset.Trim('"'))).GetString(buffer, 0, read);
    }

    /// <summary>A bearer header value for a raw token string.</summary>
    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
