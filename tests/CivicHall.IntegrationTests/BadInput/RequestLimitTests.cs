using CivicHall.IntegrationTests.Halls;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Halls;
using CivicHall.Occupancy.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CivicHall.IntegrationTests.BadInput;

/// <summary>
/// What is refused before any endpoint runs: bodies over the size limit (at the gateway and at each
/// service), ids outside the one grammar, and what a problem answer leaves in the service's log.
/// </summary>
public sealed class RequestLimitTests(GatewaySystemFixture fixture) : IClassFixture<GatewaySystemFixture>
{
    private const int Limit = 1024 * 1024;
    private readonly CivicHallSystem _system = fixture.System;
    private readonly TestInfrastructure infrastructure = fixture.Infrastructure;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Limit + 1)]
    [InlineData(2 * Limit)]
    [InlineData(29 * Limit)]
    public async Task A_body_over_the_limit_is_refused_by_the_gateway_with_a_413_problem_and_nothing_is_stored(int size)
    {
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        var hallId = $"big-{size}";
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", HallRequests.Qingpu(), Ct)).EnsureSuccessStatusCode();

        using var content = new ByteArrayContent(PolicyPaddedTo(size));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // Expect: 100-continue lets the client read the early answer instead of writing into a closed socket.
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/halls/{hallId}/occupancy-policy") { Content = content };
        request.Headers.ExpectContinue = true;
        var response = await ops.SendAsync(request, Ct);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.False(await _system.QueryAsync<OccupancyDbContext, bool>(CivicHallSystem.Occupancy, db => db.Policies.AnyAsync(p => p.HallId == hallId, Ct)));
    }

    [Fact]
    public async Task A_chunked_body_that_grows_past_the_limit_is_refused_by_the_gateway()
    {
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/chunked", HallRequests.Qingpu(), Ct)).EnsureSuccessStatusCode();

        using var content = new StreamContent(new MemoryStream(PolicyPaddedTo(2 * Limit)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/halls/chunked/occupancy-policy") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await ops.SendAsync(request, Ct);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.False(await _system.QueryAsync<OccupancyDbContext, bool>(CivicHallSystem.Occupancy, db => db.Policies.AnyAsync(p => p.HallId == "chunked", Ct)));
    }

    [Fact]
    public async Task Each_service_refuses_a_body_over_the_limit_itself()
    {
        foreach (var service in new[] { CivicHallSystem.Booking, CivicHallSystem.Screening, CivicHallSystem.Occupancy, CivicHallSystem.Sanitation, CivicHallSystem.Incident })
        {
            using var ops = _system.Client(service, Roles.Ops);
            using var content = new ByteArrayContent(PolicyPaddedTo(Limit + 1));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await ops.PutAsync("/api/v1/halls/any/occupancy-policy", content, Ct);
            await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        }
    }

    [Theory]
    [InlineData("/api/v1/agents/caf%C3%A9-1", "agentId")]
    [InlineData("/api/v1/agents/..%2Fetc", "agentId")]
    [InlineData("/api/v1/agents/-leading-hyphen", "agentId")]
    [InlineData("/api/v1/staff/%E5%BC%A0%E4%B8%89/health-file", "staffId")]
    [InlineData("/api/v1/halls/caf%C3%A9", "hallId")]
    [InlineData("/api/v1/halls/a%07b", null)]
    [InlineData("/api/v1/halls/a%E2%80%AEb", "hallId")]
    [InlineData("/api/v1/halls/qingpu/service-items/%20x", "itemId")]
    public async Task An_id_outside_the_grammar_is_refused_with_400_naming_it_and_nothing_is_stored(string path, string? parameter)
    {
        using var all = _system.Client(CivicHallSystem.Gateway, [.. Roles.All]);
        var response = await all.PutAsJsonAsync(path, new { name = "x" }, Ct);

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest, "validation_failed");
        // A control character is refused by the gateway, before the route names the id (any field will do).
        var errors = problem.GetProperty("errors");
        Assert.True(parameter is null ? errors.EnumerateObject().Any() : errors.TryGetProperty(parameter, out _), problem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await all.GetAsync(path, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_id_of_64_characters_is_accepted_and_one_of_65_is_not()
    {
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        var agent = new { name = "张三", organisation = "某公司", registrationNo = "R-1", maxBatchSize = 5, active = true };
        Assert.Equal(HttpStatusCode.Created, (await ops.PutAsJsonAsync($"/api/v1/agents/{new string('a', 64)}", agent, Ct)).StatusCode);
        await AssertProblem(await ops.PutAsJsonAsync($"/api/v1/agents/{new string('a', 65)}", agent, Ct), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_problem_answer_is_logged_with_its_trace_id_on_a_line_with_a_UTC_time()
    {
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:occupancy"] = infrastructure.NewDatabase("occupancy"),
            ["ConnectionStrings:messaging"] = _system.MessagingUri,
        };
        await using var host = new ServiceHost<OccupancyDbContext>(
            "occupancy-logs", settings, listenOnKestrel: false, configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        using var ops = host.CreateClient();
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create([Roles.Ops], "ops", TimeProvider.System));

        try
        {
            foreach (var (response, status) in new[]
            {
                (await ops.GetAsync("/api/v1/halls/nowhere", Ct), HttpStatusCode.NotFound),
                (await ops.PutAsync("/api/v1/halls/bad", new StringContent("{", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest),
            })
            {
                var problem = await AssertProblem(response, status, null);
                var traceId = problem.GetProperty("traceId").GetString()!;
                Assert.True(logs.Lines.Any(line => line.Category == "CivicHall.Problems" && line.Message.Contains($"traceId={traceId}", StringComparison.Ordinal)
                    && line.Message.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
                    $"no log line for {traceId}: {string.Join(" | ", logs.Lines.Where(l => l.Category == "CivicHall.Problems").Select(l => l.Message))}");
            }

            var console = host.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;
            Assert.True(console.UseUtcTimestamp);
            Assert.True(console.SingleLine);
            Assert.Equal("yyyy-MM-ddTHH:mm:ss.fffZ ", console.TimestampFormat);
        }
        finally
        {
            await infrastructure.DropDatabaseAsync(settings["ConnectionStrings:occupancy"]!);
        }
    }

    [Fact]
    public async Task An_idempotency_key_with_a_control_character_is_refused_before_booking_stores_it()
    {
        using var citizen = _system.Client(CivicHallSystem.Gateway, Roles.Citizen);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(new { hallId = "nowhere" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "key\u0007bell");
        var problem = await AssertProblem(await citizen.SendAsync(request, Ct), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
    }

    [Fact]
    public async Task A_NUL_in_the_path_is_refused_before_it_reaches_any_service()
    {
        // Kestrel itself refuses a NUL in the request target (a 400 without a body: no application runs).
        using var all = _system.Client(CivicHallSystem.Gateway, [.. Roles.All]);
        var response = await all.PutAsJsonAsync("/api/v1/halls/a%00b", HallRequests.Qingpu(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await _system.QueryAsync<OccupancyDbContext, bool>(CivicHallSystem.Occupancy, db => db.Halls.AnyAsync(h => h.Id == "a" || h.Id == "ab", Ct)));
    }

    /// <summary>A valid occupancy policy with a padding field that brings the body to <paramref name="size"/> bytes.</summary>
    private static byte[] PolicyPaddedTo(int size)
    {
        const string head = """{"densityPer100M2":15,"padding":" """;
        const string tail = "\"}";
        return Encoding.UTF8.GetBytes(head.TrimEnd() + new string('a', size - head.TrimEnd().Length - tail.Length) + tail);
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        return problem;
    }
}
