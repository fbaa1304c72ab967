namespace CivicHall.AppHost;

/// <summary>
/// Servers that exist already (a managed PostgreSQL and RabbitMQ): their connection strings come from
/// configuration, <c>ConnectionStrings:&lt;service&gt;-db</c> per service (and <c>gateway-db</c>) and <c>ConnectionStrings:messaging</c>;
/// the databases must exist.
/// </summary>
internal static class ExternalServers
{
    public static CivicHallInfrastructure Add(IDistributedApplicationBuilder builder, Topology topology)
    {
        var databases = topology.DatabaseOwners.ToDictionary(
            service => service.Name,
            service => builder.AddConnectionString($"{service.Name}-db"),
            StringComparer.Ordinal);
        return new CivicHallInfrastructure(InfrastructureMode.External, databases, builder.AddConnectionString("messaging"));
    }
}
