namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// One whole system for all the tests of a class (xunit makes a new instance of the class for every
/// test; a class fixture is made once): for classes whose tests do not disturb each other — each test
/// uses halls, people and ids of its own and reads back only what it wrote. A class that needs other
/// settings derives a fixture of its own.
/// </summary>
public abstract class SystemFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public CivicHallSystem System { get; private set; } = null!;

    public TestInfrastructure Infrastructure => infrastructure;

    protected virtual bool WithGateway => false;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync()
    {
        var system = await CivicHallSystem.StartAsync(infrastructure, WithGateway, extraSettings: Settings);
        try
        {
            await SetUpAsync(system);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }

        System = system;
    }

    /// <summary>What every test of the class relies on, done once after the system started.</summary>
    protected virtual Task SetUpAsync(CivicHallSystem system) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }
    }
}

/// <summary>The five services behind the gateway, shared by a class's tests.</summary>
public sealed class GatewaySystemFixture(TestInfrastructure infrastructure) : SystemFixture(infrastructure)
{
    protected override bool WithGateway => true;
}

/// <summary>The five services without the gateway, shared by a class's tests.</summary>
public sealed class ServicesSystemFixture(TestInfrastructure infrastructure) : SystemFixture(infrastructure);
