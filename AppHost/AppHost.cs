// CivicHall under Aspire: PostgreSQL (one database per service), RabbitMQ, the five services and the
// gateway, watched in the dashboard. What runs where is topology.json; how PostgreSQL and RabbitMQ are
// provided is Infrastructure:Mode (auto | containers | native | external); the keys are secret
// parameters generated once per machine. README "Running CivicHall" tells the options.
using CivicHall.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var topology = Topology.Load(builder);
var secrets = Secrets.Add(builder);
var infrastructure = CivicHallInfrastructure.Add(builder, topology);

var services = topology.Services
    .Select(service => builder.AddCivicHallService(service, topology, infrastructure, secrets))
    .ToList();
builder.AddCivicHallGateway(topology, infrastructure, services, secrets);
services.AddTracingSources();

await builder.Build().RunAsync().ConfigureAwait(false);
