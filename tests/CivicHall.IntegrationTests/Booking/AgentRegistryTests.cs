namespace CivicHall.IntegrationTests.Booking;

/// <summary>The register of agents (帮办代办, 备案制), through the gateway.</summary>
public sealed class AgentRegistryTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await CivicHallSystem.StartAsync(infrastructure, withGateway: true);

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    [Fact]
    public async Task Ops_registers_an_agent_who_may_read_their_own_entry_and_nobody_else_may_write_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        var body = new { name = "王代办", organisation = "青浦企业服务中心", registrationNo = "QP-2026-0042", maxBatchSize = 10 };
        var created = await ops.PutAsJsonAsync("/api/v1/agents/test-agent", body, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.PutAsJsonAsync("/api/v1/agents/test-agent", body with { maxBatchSize = 12 }, ct)).StatusCode);

        using var agent = _system.Client(CivicHallSystem.Gateway, Roles.Agent); // subject "test-agent"
        var own = await agent.GetFromJsonAsync<JsonElement>("/api/v1/agents/test-agent", ct);
        Assert.Equal(("QP-2026-0042", 12), (own.GetProperty("registrationNo").GetString(), own.GetProperty("maxBatchSize").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/v1/agents/someone-else", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("/api/v1/agents/test-agent", body, ct)).StatusCode);

        var invalid = await ops.PutAsJsonAsync("/api/v1/agents/x", new { name = "", maxBatchSize = 0 }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("errors");
        Assert.Superset(new HashSet<string> { "name", "organisation", "registrationNo", "maxBatchSize" }, errors.EnumerateObject().Select(e => e.Name).ToHashSet());
    }
}
