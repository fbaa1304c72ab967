// The whole system under Aspire: PostgreSQL with one database per service, RabbitMQ, the five
// services and the gateway. Resource names are the configuration contract: database "booking"
// becomes ConnectionStrings__booking, "messaging" ConnectionStrings__messaging (an amqp URI), and a
// referenced project "booking" services__booking__http__0 — exactly what scripts/run injects.
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres")
    .WithDataVolume()
    .WithLifetime(ContainerLifetime.Persistent);

var messaging = builder.AddRabbitMQ("messaging")
    .WithManagementPlugin()
    .WithDataVolume()
    .WithLifetime(ContainerLifetime.Persistent);

IResourceBuilder<ProjectResource> Service<TProject>(string name)
    where TProject : IProjectMetadata, new()
{
    var database = postgres.AddDatabase(name);
    return builder.AddProject<TProject>(name)
        .WithReference(database).WaitFor(database)
        .WithReference(messaging).WaitFor(messaging);
}

var booking = Service<Projects.CivicHall_Booking>("booking");
var screening = Service<Projects.CivicHall_Screening>("screening");
var occupancy = Service<Projects.CivicHall_Occupancy>("occupancy");
var sanitation = Service<Projects.CivicHall_Sanitation>("sanitation");
var incident = Service<Projects.CivicHall_Incident>("incident");

builder.AddProject<Projects.CivicHall_Gateway>("gateway")
    .WithReference(booking).WaitFor(booking)
    .WithReference(screening).WaitFor(screening)
    .WithReference(occupancy).WaitFor(occupancy)
    .WithReference(sanitation).WaitFor(sanitation)
    .WithReference(incident).WaitFor(incident)
    .WithExternalHttpEndpoints();

builder.Build().Run();
