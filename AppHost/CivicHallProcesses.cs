using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace CivicHall.AppHost;

/// <summary>The five services and the gateway as project resources, with exactly the configuration scripts/run --lean and the tests give them.</summary>
internal static class CivicHallProcesses
{
    public static IResourceBuilder<ProjectResource> AddCivicHallService(
        this IDistributedApplicationBuilder builder, ProcessEntry service, Topology topology, CivicHallInfrastructure infrastructure, Secrets secrets)
    {
        var database = infrastructure.DatabaseOf(service);
        var project = builder.AddProcess(service, topology)
            .WithReference(database, connectionName: service.Name).WaitFor(database)
            .WithReference(infrastructure.Messaging, connectionName: "messaging").WaitFor(infrastructure.Messaging)
            .WithEnvironment("Authentication__Jwt__SigningKey", secrets.JwtSigningKey)
            .WithReplicas(topology.Replicas);
        if (service.PersonalData)
        {
            project
                .WithEnvironment("PersonalData__HashKey", secrets.PersonalDataHashKey)
                .WithEnvironment("PersonalData__EncryptionKey", secrets.PersonalDataEncryptionKey);
        }

        return project;
    }

    /// <summary>
    /// The gateway: found by clients on its fixed port, finds the services through <c>services__&lt;name&gt;__http__N</c>,
    /// keeps the portal's nonces in its own database. In Development it registers the development portal client
    /// (README "Portal signing"), so signed requests can be tried locally.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddCivicHallGateway(
        this IDistributedApplicationBuilder builder, Topology topology, CivicHallInfrastructure infrastructure,
        IReadOnlyList<IResourceBuilder<ProjectResource>> services, Secrets secrets)
    {
        var database = infrastructure.DatabaseOf(topology.Gateway);
        var gateway = builder.AddProcess(topology.Gateway, topology, alwaysDirect: true)
            .WithReference(database, connectionName: topology.Gateway.Name).WaitFor(database)
            .WithEnvironment("Authentication__Jwt__SigningKey", secrets.JwtSigningKey)
            .WithExternalHttpEndpoints();
        if (builder.Environment.IsDevelopment())
        {
            gateway.WithEnvironment("Portal__DevelopmentClient", "true");
        }

        foreach (var service in services)
        {
            gateway.WithReference(service).WaitFor(service);
        }

        return gateway;
    }

    /// <summary>
    /// Incident asks the services that own presences, screenings and bookings at contact-tracing time (README
    /// "Contact tracing"): it finds them through <c>services__&lt;name&gt;__http__N</c>, as the gateway does.
    /// </summary>
    public static void AddTracingSources(this IReadOnlyList<IResourceBuilder<ProjectResource>> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var incident = services.SingleOrDefault(s => s.Resource.Name == "incident");
        if (incident is null)
        {
            return;
        }

        foreach (var source in services.Where(s => s.Resource.Name is "occupancy" or "screening" or "booking"))
        {
            incident.WithReference(source);
        }
    }

    /// <summary>
    /// A project on its fixed port, in the AppHost's environment, healthy when its <c>/health</c> says so.
    /// One instance listens on the port itself (no proxy in the way of every request); replicas sit
    /// behind DCP's proxy on that port.
    /// </summary>
    private static IResourceBuilder<ProjectResource> AddProcess(
        this IDistributedApplicationBuilder builder, ProcessEntry process, Topology topology, bool alwaysDirect = false)
    {
        var port = topology.PortOf(process);
        var proxied = !alwaysDirect && topology.Replicas > 1;
        return builder.AddBuiltProject(process.Name, topology.PathOf(process), options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(port: port, targetPort: proxied ? null : port, name: "http", isProxied: proxied)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithHttpHealthCheck("/health");
    }

    /// <summary>
    /// <c>AddProject&lt;TProject&gt;</c> for the project at <paramref name="projectPath"/>, TProject being the
    /// metadata the SDK generated for the AppHost's project reference to it. Unlike
    /// <c>AddProject(name, path)</c>, that metadata tells DCP the project is built already (the AppHost's
    /// build built it): each service starts with <c>dotnet run --no-build</c> instead of five builds
    /// racing on two cores at every start.
    /// </summary>
    private static IResourceBuilder<ProjectResource> AddBuiltProject(
        this IDistributedApplicationBuilder builder, string name, string projectPath, Action<ProjectResourceOptions> configure)
    {
        var metadata = typeof(CivicHallProcesses).Assembly.GetTypes()
            .Where(type => type.Namespace == "Projects" && typeof(IProjectMetadata).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null)
            .SingleOrDefault(type => SamePath(((IProjectMetadata)Activator.CreateInstance(type)!).ProjectPath, projectPath))
            ?? throw new InvalidOperationException($"topology.json names {projectPath}, which CivicHall.AppHost.csproj does not reference.");
        var addProject = typeof(ProjectResourceBuilderExtensions).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(method => method is { Name: nameof(ProjectResourceBuilderExtensions.AddProject), IsGenericMethodDefinition: true }
                && method.GetParameters().Select(p => p.ParameterType).SequenceEqual([typeof(IDistributedApplicationBuilder), typeof(string), typeof(Action<ProjectResourceOptions>)]));
        return (IResourceBuilder<ProjectResource>)addProject.MakeGenericMethod(metadata).Invoke(null, [builder, name, configure])!;
    }

    private static bool SamePath(string left, string right) =>
        string.Equals(Path.GetFullPath(left), Path.GetFullPath(right), StringComparison.Ordinal);
}
