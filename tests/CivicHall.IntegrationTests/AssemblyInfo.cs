using CivicHall.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(TestInfrastructure))]
