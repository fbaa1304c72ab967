// Namespaces most test classes use: HTTP and JSON against the services, the test infrastructure
// (systems, servers, teardown), the roles of a token, and EF Core to read what a service stored.
global using System.Collections.Concurrent;
global using System.Diagnostics;
global using System.Globalization;
global using System.Net;
global using System.Net.Http.Headers;
global using System.Net.Http.Json;
global using System.Text;
global using System.Text.Json;
global using CivicHall.IntegrationTests.Infrastructure;
global using CivicHall.ServiceDefaults.Auth;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
