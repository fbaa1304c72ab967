// Namespaces nearly every file of the service uses: its database, the shared messaging and
// persistence, the service defaults (problems, OpenAPI metadata) and EF Core.
global using CivicHall.HallDirectory;
global using CivicHall.Incident.Data;
global using CivicHall.Incident.Problems;
global using CivicHall.Messaging;
global using CivicHall.Messaging.Persistence;
global using CivicHall.ServiceDefaults;
global using CivicHall.ServiceDefaults.OpenApi;
global using CivicHall.ServiceDefaults.Problems;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
