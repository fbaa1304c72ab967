namespace CivicHall.IntegrationTests.Gateway;

/// <summary>CORS for the console's configured origins (README "CORS"), and the gateway's size limits before proxying.</summary>
public sealed class CorsTests
{
    private const string Console = "https://console.example.test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<StandInGateway> StartAsync() => StandInGateway.StartAsync(new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Cors:Origins:0"] = Console,
    });

    private static HttpRequestMessage Preflight(string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/halls/some-hall");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    [Fact]
    public async Task A_preflight_from_a_configured_origin_is_answered_204_without_a_token()
    {
        await using var gateway = await StartAsync();
        using var anonymous = gateway.Client();
        using var response = await anonymous.SendAsync(Preflight(Console, "PUT", "authorization,content-type,idempotency-key,if-match,accept-language"), Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Console, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant();
        foreach (var header in new[] { "AUTHORIZATION", "CONTENT-TYPE", "IDEMPOTENCY-KEY", "IF-MATCH", "ACCEPT-LANGUAGE" })
        {
            Assert.Contains(header, allowed, StringComparison.Ordinal);
        }

        Assert.Contains("PUT", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_actual_request_from_the_configured_origin_exposes_the_headers_a_console_reads()
    {
        await using var gateway = await StartAsync();
        using var client = gateway.Client("cors-ops", Roles.Ops);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/halls");
        request.Headers.Add("Origin", Console);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Console, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var header in new[] { "ETag", "Location", "Retry-After", "Idempotent-Replayed" })
        {
            Assert.Contains(header, exposed, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Another_origin_gets_no_Access_Control_Allow_Origin()
    {
        await using var gateway = await StartAsync();
        using var anonymous = gateway.Client();
        using var preflight = await anonymous.SendAsync(Preflight("https://elsewhere.example.test", "GET", "authorization"), Ct);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        using var client = gateway.Client("cors-ops", Roles.Ops);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/halls");
        request.Headers.Add("Origin", "https://elsewhere.example.test");
        using var response = await client.SendAsync(request, Ct);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Oversized_bodies_headers_and_urls_are_refused_at_the_gateway_before_proxying()
    {
        await using var gateway = await StandInGateway.StartAsync(new Dictionary<string, string?>(StringComparer.Ordinal) { ["Requests:MaxBodyBytes"] = "1024" });
        using var client = gateway.Client("size-ops", Roles.Ops);

        using var large = await client.PostAsync("/api/v1/bookings", new ByteArrayContent(new byte[2048]) { Headers = { ContentType = new("application/json") } }, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("payload_too_large", (await large.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());

        // Kestrel's own limits (32 KB of headers, 8 KB of request line) answer before any middleware: 431 and 414.
        using var headers = new HttpRequestMessage(HttpMethod.Get, "/api/v1/halls");
        headers.Headers.Add("X-Padding", new string('x', 40 * 1024));
        using var tooManyHeaders = await client.SendAsync(headers, Ct);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, tooManyHeaders.StatusCode);

        using var longUrl = await client.GetAsync("/api/v1/halls?x=" + new string('y', 10 * 1024), Ct);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, longUrl.StatusCode);
    }
}
