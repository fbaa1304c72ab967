using System.Security.Cryptography;
using CivicHall.Gateway.Forwarding;
using Microsoft.Extensions.Logging;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// How the gateway passes a body on (README "Gateway", docs/benchmarks.md "One write per request"): a
/// small body of known length goes with its head in one write; every body, small or large, with or without
/// a length, arrives whole.
/// </summary>
public sealed class ForwardingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Answer(string AnsweredBy, string Path, StandInGateway.ReceivedBody? Body);

    private static Task<StandInGateway> StartAsync() => StandInGateway.StartAsync(new Dictionary<string, string?>(StringComparer.Ordinal));

    private static byte[] Json(int length)
    {
        // {"note":"xxxx…"} of exactly `length` bytes.
        var filler = new string('x', length - 11);
        return Encoding.UTF8.GetBytes($$"""{"note":"{{filler}}"}""");
    }

    private static async Task<(Answer Answer, byte[] Sent)> PostAsync(HttpClient client, byte[] body, bool chunked = false)
    {
        using var content = chunked
            ? (HttpContent)new StreamContent(new MemoryStream(body))
            : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/halls/forwarding-hall/incidents") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<Answer>(Ct);
        Assert.NotNull(answer);
        Assert.Equal("stand-in", answer.AnsweredBy);
        return (answer, body);
    }

    private static void AssertWhole(Answer answer, byte[] sent)
    {
        Assert.NotNull(answer.Body);
        Assert.Equal(sent.Length, answer.Body.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sent)), answer.Body.Sha256);
    }

    [Fact]
    public async Task A_small_body_reaches_the_service_in_the_same_write_as_its_head()
    {
        await using var gateway = await StartAsync();
        using var client = gateway.Client("forwarding-ops", Roles.Ops);
        // YARP alone flushes the head first: without OneWriteRequestHandler the service held none of the
        // body when the request reached it, from the first of these requests on.
        for (var i = 0; i < 30; i++)
        {
            var (answer, sent) = await PostAsync(client, Json(600 + i));
            AssertWhole(answer, sent);
            Assert.Equal(sent.Length, answer.Body!.HeldAtStart);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    [InlineData((int)OneWriteRequestHandler.MaxBodyBytes)]
    [InlineData((int)OneWriteRequestHandler.MaxBodyBytes + 1)]
    [InlineData(300_000)]
    public async Task A_body_of_any_length_arrives_whole(int length)
    {
        await using var gateway = await StartAsync();
        using var client = gateway.Client("forwarding-ops", Roles.Ops);
        var body = length < 11 ? Encoding.UTF8.GetBytes("1") : Json(length);
        var (answer, sent) = await PostAsync(client, body);
        AssertWhole(answer, sent);
    }

    [Fact]
    public async Task A_body_without_a_length_arrives_whole()
    {
        await using var gateway = await StartAsync();
        using var client = gateway.Client("forwarding-ops", Roles.Ops);
        var (small, sentSmall) = await PostAsync(client, Json(700), chunked: true);
        AssertWhole(small, sentSmall);
        var (large, sentLarge) = await PostAsync(client, Json(100_000), chunked: true);
        AssertWhole(large, sentLarge);
    }

    [Fact]
    public async Task A_caller_gone_before_its_answer_is_marked_499_and_not_logged_as_a_bad_request()
    {
        using var metrics = new MeasurementRecorder("Microsoft.AspNetCore.Hosting");
        var logs = new CapturedLogs();
        await using var gateway = await StandInGateway.StartAsync(
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["Logging:LogLevel:CivicHall"] = "Debug" }, logs);
        using var client = gateway.Client("caller-gone");
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var body = new ByteArrayContent(Json(100));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var call = client.PostAsync("/api/v1/bookings/held", body, leave.Token);
        await gateway.HeldRequestArrived.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        // The gateway's line about the request, whichever it writes, says it is done with it.
        var lines = await Eventually.UntilAsync(
            () => Task.FromResult(logs.Lines
                .Where(l => l.Category == typeof(CallerGone).FullName || l.Message.Contains("/api/v1/bookings/held", StringComparison.Ordinal))
                .ToList()),
            found => found.Count > 0,
            because: "the gateway logs what became of a request whose caller left");

        Assert.DoesNotContain(lines, l => l.Message.Contains("answered", StringComparison.Ordinal));
        var gone = Assert.Single(lines);
        Assert.Equal(LogLevel.Debug, gone.Level);
        Assert.Contains("route bookings", gone.Message, StringComparison.Ordinal);
        Assert.Contains("499", gone.Message, StringComparison.Ordinal);

        // The server's request metric counts it as 499 (no other test's caller leaves a POST).
        await Eventually.UntilAsync(
            () => Task.FromResult(metrics.Count("http.server.request.duration", ("http.request.method", "POST"), ("http.response.status_code", 499))),
            count => count > 0,
            because: "the gateway's request metric records the request as 499");
    }
}
