using CivicHall.IntegrationTests.Halls;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// End to end through YARP: discovery, authentication, roles, problems, OpenAPI, health. One system for
/// the class: each test reads, or writes a hall of its own.
/// </summary>
public sealed class GatewayTests(GatewaySystemFixture fixture) : IClassFixture<GatewaySystemFixture>
{
    private readonly CivicHallSystem _system = fixture.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_gateway_answers_health_and_alive_without_a_token()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var health = await anonymous.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_call_without_a_token_is_refused_with_a_401_problem()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var response = await anonymous.GetAsync("/api/v1/halls", Ct);
        await AssertProblem(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused_with_a_401_problem()
    {
        using var client = _system.Client(CivicHallSystem.Gateway);
        var forged = DevelopmentTokens.Create([Roles.Ops], "mallory", TimeProvider.System, signingKey: "another-key-that-is-at-least-32-bytes-long!!");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        var response = await client.PutAsJsonAsync("/api/v1/halls/forged", HallRequests.Qingpu(), Ct);
        await AssertProblem(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_a_401_problem()
    {
        using var client = _system.Client(CivicHallSystem.Gateway);
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-3));
        var expired = DevelopmentTokens.Create([Roles.Ops], "late", past, lifetime: TimeSpan.FromHours(1));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", expired);
        await AssertProblem(await client.GetAsync("/api/v1/halls", Ct), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_caller_with_the_wrong_role_is_refused_with_a_403_problem()
    {
        using var citizen = _system.Client(CivicHallSystem.Gateway, Roles.Citizen);
        var response = await citizen.PutAsJsonAsync("/api/v1/halls/not-mine", HallRequests.Qingpu(), Ct);
        await AssertProblem(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Ops_configure_a_hall_through_the_gateway_and_citizens_read_it()
    {
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        var put = await ops.PutAsJsonAsync("/api/v1/halls/via-gateway", HallRequests.Qingpu(), Ct);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        using var citizen = _system.Client(CivicHallSystem.Gateway, Roles.Citizen);
        var hall = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/halls/via-gateway", Ct);
        Assert.Equal("via-gateway", hall.GetProperty("hallId").GetString());
        Assert.Equal(1, hall.GetProperty("version").GetInt64());
        Assert.Equal("09:00", hall.GetProperty("openingHours")[0].GetProperty("opens").GetString());
        var (list, _) = await Pages.AllAsync(citizen, "/api/v1/halls", "halls", 200, Ct);
        Assert.Contains(list, h => h.GetProperty("hallId").GetString() == "via-gateway");
    }

    [Fact]
    public async Task Problems_speak_chinese_by_default_and_english_when_asked()
    {
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        var chinese = await ops.GetAsync("/api/v1/halls/nowhere", Ct);
        var body = await AssertProblem(chinese, HttpStatusCode.NotFound, "hall_unknown");
        Assert.Equal("办事大厅不存在或尚未同步", body.GetProperty("title").GetString());
        Assert.Equal("大厅“nowhere”不存在。", body.GetProperty("detail").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/halls/nowhere");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var english = await AssertProblem(await ops.SendAsync(request, Ct), HttpStatusCode.NotFound, "hall_unknown");
        Assert.Equal("The hall does not exist or is not known to this service yet.", english.GetProperty("title").GetString());
        Assert.Equal("Hall 'nowhere' does not exist.", english.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("booking")]
    [InlineData("screening")]
    [InlineData("occupancy")]
    [InlineData("sanitation")]
    [InlineData("incident")]
    public async Task Every_service_openapi_document_is_served_by_the_gateway(string service)
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json", Ct);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_occupancy_openapi_document_describes_the_hall_registry()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/occupancy.json", Ct);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/halls/{hallId}", out _));
    }

    [Fact]
    public async Task A_development_token_can_be_had_from_the_gateway_for_any_role()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var issued = await anonymous.PostAsync("/dev/token?role=duty_leader", null, Ct);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();

        using var client = _system.Client(CivicHallSystem.Gateway);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/halls", Ct)).StatusCode);

        await AssertProblem(await anonymous.PostAsync("/dev/token?role=mayor", null, Ct), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Each_development_citizen_token_is_a_person_of_its_own_unless_a_subject_is_asked_for()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        async Task<(string Subject, string Claimed)> IssueAsync(string query)
        {
            var body = await (await anonymous.PostAsync($"/dev/token?{query}", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
            var token = body.GetProperty("accessToken").GetString()!;
            var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
            var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '='))).RootElement;
            return (body.GetProperty("subject").GetString()!, claims.GetProperty("sub").GetString()!);
        }

        var first = await IssueAsync("role=citizen");
        var second = await IssueAsync("role=citizen");
        Assert.Equal(first.Subject, first.Claimed);
        Assert.StartsWith("dev-citizen-", first.Claimed, StringComparison.Ordinal);
        Assert.NotEqual(first.Claimed, second.Claimed); // two citizens do not see each other's bookings
        Assert.NotEqual((await IssueAsync("role=agent")).Claimed, (await IssueAsync("role=agent")).Claimed);
        Assert.NotEqual((await IssueAsync("role=portal")).Claimed, (await IssueAsync("role=portal")).Claimed);

        Assert.Equal("alice", (await IssueAsync("role=citizen&subject=alice")).Claimed); // the same person again, when asked
        Assert.Equal("dev-ops", (await IssueAsync("role=ops")).Claimed); // staff keep one subject per role
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(body.TryGetProperty("exception", out _));
        return body;
    }
}
