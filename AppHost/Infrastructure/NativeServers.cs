using System.Globalization;

namespace CivicHall.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ from Debian's packages as executable resources of the AppHost, for machines
/// without a container engine: their own data under <c>Infrastructure:StateDirectory</c> (default
/// <c>.run/apphost/</c>) and their own ports (topology.json <c>native</c>), so they run beside servers the
/// machine already has; logs in the dashboard; stopped with the AppHost. The wrappers in
/// <c>Native/</c> set them up and translate DCP's stop into the servers' fast shutdowns.
/// </summary>
internal static class NativeServers
{
    public static CivicHallInfrastructure Add(IDistributedApplicationBuilder builder, Topology topology)
    {
        var state = Path.GetFullPath(builder.Configuration["Infrastructure:StateDirectory"] ?? Path.Combine(topology.Root, ".run", "apphost"));
        Directory.CreateDirectory(state);
        var wrappers = Path.Combine(builder.AppHostDirectory, "Native");

        var postgresPassword = builder.AddParameter(
            "postgres-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        var postgresPort = topology.NativePort("postgres");
        string[] postgresArguments = [Path.Combine(state, "postgres"), Text(postgresPort), .. topology.DatabaseOwners.Select(s => s.Name)];
        var postgres = builder.AddExecutable("postgres", Path.Combine(wrappers, "postgres.sh"), state, postgresArguments)
            .WithEnvironment("POSTGRES_PASSWORD", postgresPassword)
            .WithEndpoint(port: postgresPort, targetPort: postgresPort, scheme: "tcp", name: "tcp", isProxied: false)
            .WithIconName("DatabaseMultiple");
        var endpoint = postgres.GetEndpoint("tcp");
        ReferenceExpression ConnectionString(string database) => ReferenceExpression.Create(
            $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username=civichall;Password={postgresPassword};Database={database};SSL Mode=Disable");
        postgres.WithHealthCheck(ReadinessChecks.AddPostgres(builder, "postgres", ConnectionString("postgres")));

        var databases = new Dictionary<string, IResourceBuilder<IResourceWithConnectionString>>(StringComparer.Ordinal);
        foreach (var service in topology.DatabaseOwners)
        {
            var name = $"{service.Name}-db";
            var connectionString = ConnectionString(service.Name);
            databases[service.Name] = builder.AddConnectionString(name, connectionString)
                .WithHealthCheck(ReadinessChecks.AddPostgres(builder, name, connectionString));
        }

        var rabbitPassword = builder.AddParameter(
            "rabbitmq-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        var amqpPort = topology.NativePort("rabbitmq");
        var managementPort = topology.NativePort("rabbitmq-management");
        var rabbitmq = builder.AddExecutable(
                "rabbitmq", Path.Combine(wrappers, "rabbitmq.sh"), state,
                Path.Combine(state, "rabbitmq"), Text(amqpPort), Text(managementPort),
                Text(topology.NativePort("rabbitmq-distribution")), Text(topology.NativePort("rabbitmq-epmd")))
            .WithEnvironment("RABBITMQ_PASSWORD", rabbitPassword)
            .WithEndpoint(port: amqpPort, targetPort: amqpPort, scheme: "amqp", name: "amqp", isProxied: false)
            .WithHttpEndpoint(port: managementPort, targetPort: managementPort, name: "management", isProxied: false)
            .WithIconName("Mail");
        var amqp = rabbitmq.GetEndpoint("amqp");
        var messagingUri = ReferenceExpression.Create(
            $"amqp://civichall:{rabbitPassword:uri}@{amqp.Property(EndpointProperty.Host)}:{amqp.Property(EndpointProperty.Port)}/");
        var brokerCheck = ReadinessChecks.AddRabbitMq(builder, "rabbitmq", messagingUri);
        rabbitmq.WithHealthCheck(brokerCheck);
        var messaging = builder.AddConnectionString("messaging", messagingUri).WithHealthCheck(brokerCheck);

        return new CivicHallInfrastructure(InfrastructureMode.Native, databases, messaging);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
