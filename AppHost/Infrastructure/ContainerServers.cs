namespace CivicHall.AppHost;

/// <summary>PostgreSQL and RabbitMQ as containers with data volumes, where a container engine runs.</summary>
internal static class ContainerServers
{
    public static CivicHallInfrastructure Add(IDistributedApplicationBuilder builder, Topology topology)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume("civichall-postgres");
        var databases = topology.DatabaseOwners.ToDictionary(
            service => service.Name,
            service => (IResourceBuilder<IResourceWithConnectionString>)postgres.AddDatabase($"{service.Name}-db", databaseName: service.Name),
            StringComparer.Ordinal);
        var messaging = builder.AddRabbitMQ("messaging").WithManagementPlugin().WithDataVolume("civichall-rabbitmq");
        return new CivicHallInfrastructure(InfrastructureMode.Containers, databases, messaging);
    }
}
