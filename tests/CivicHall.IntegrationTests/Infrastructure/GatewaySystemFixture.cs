namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// One whole system behind the gateway for all the tests of a class (xunit makes a new instance of the
/// class for every test; a fixture is made once): for classes whose tests do not disturb each other.
/// </summary>
public sealed class GatewaySystemFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public CivicHallSystem System { get; private set; } = null!;

    public TestInfrastructure Infrastructure => infrastructure;

    public async ValueTask InitializeAsync() => System = await CivicHallSystem.StartAsync(infrastructure, withGateway: true);

    public async ValueTask DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }
    }
}
