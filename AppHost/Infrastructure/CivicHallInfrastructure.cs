namespace CivicHall.AppHost;

/// <summary>
/// Where the services' databases and the broker come from. Every mode gives the services the same
/// configuration contract: <c>ConnectionStrings__&lt;service&gt;</c> (a PostgreSQL connection string to the
/// service's own database) and <c>ConnectionStrings__messaging</c> (an amqp URI).
/// </summary>
internal sealed class CivicHallInfrastructure
{
    private readonly IReadOnlyDictionary<string, IResourceBuilder<IResourceWithConnectionString>> _databases;

    public CivicHallInfrastructure(
        InfrastructureMode mode,
        IReadOnlyDictionary<string, IResourceBuilder<IResourceWithConnectionString>> databases,
        IResourceBuilder<IResourceWithConnectionString> messaging)
    {
        Mode = mode;
        _databases = databases;
        Messaging = messaging;
    }

    public InfrastructureMode Mode { get; }

    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    /// <summary>The database of a service or of the gateway (<see cref="Topology.DatabaseOwners"/>).</summary>
    public IResourceBuilder<IResourceWithConnectionString> DatabaseOf(ProcessEntry owner) => _databases[owner.Name];

    /// <summary>
    /// <c>Infrastructure:Mode</c>: <c>containers</c> (AddPostgres/AddRabbitMQ with data volumes),
    /// <c>native</c> (PostgreSQL and RabbitMQ from Debian's packages as executables, data under
    /// <c>.run/apphost/</c>), <c>external</c> (connection strings of servers that exist already:
    /// <c>ConnectionStrings:&lt;service&gt;-db</c> and <c>ConnectionStrings:messaging</c>), or <c>auto</c> (the
    /// default): containers when a container engine answers, native otherwise.
    /// </summary>
    public static CivicHallInfrastructure Add(IDistributedApplicationBuilder builder, Topology topology)
    {
        var mode = InfrastructureModes.Resolve(builder.Configuration["Infrastructure:Mode"]);
        return mode switch
        {
            InfrastructureMode.Containers => ContainerServers.Add(builder, topology),
            InfrastructureMode.Native => NativeServers.Add(builder, topology),
            InfrastructureMode.External => ExternalServers.Add(builder, topology),
            _ => throw new InvalidOperationException($"Unknown infrastructure mode {mode}."),
        };
    }
}
