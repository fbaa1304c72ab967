using System.Security.Cryptography;
using CivicHall.Booking.Data;
using CivicHall.Gateway;
using Npgsql;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// Outside the Development environment nothing falls back to the public development keys: a service
/// without its keys does not start, and the gateway issues no development tokens.
/// </summary>
public sealed class EnvironmentTests(TestInfrastructure infrastructure)
{
    /// <summary>A signing key of production's kind: secret, random, at least 32 bytes.</summary>
    private static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_outside_development_refuses_to_start_without_its_keys_says_which_and_touches_no_database()
    {
        var database = infrastructure.NewDatabase("nokeys");
        var vhost = await infrastructure.NewVirtualHostAsync("nokeys");
        try
        {
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["ConnectionStrings:booking"] = database,
                ["ConnectionStrings:messaging"] = vhost,
                ["Logging:LogLevel:Default"] = "Warning",
            };
            string Refusal() => Flatten(Assert.ThrowsAny<Exception>(() => new ServiceHost<BookingDbContext>("booking", settings, listenOnKestrel: false, environment: "Production")));

            Assert.Contains("Authentication:Jwt:SigningKey or :Authority must be configured outside Development", Refusal(), StringComparison.Ordinal);

            settings["Authentication:Jwt:SigningKey"] = DevelopmentTokens.SigningKey;
            Assert.Contains("development signing key is refused outside the Development environment", Refusal(), StringComparison.Ordinal);

            settings["Authentication:Jwt:SigningKey"] = SigningKey;
            Assert.Contains("PersonalData:HashKey is not configured", Refusal(), StringComparison.Ordinal);

            settings["PersonalData:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            Assert.Contains("PersonalData:EncryptionKey is not configured", Refusal(), StringComparison.Ordinal);

            // Each refusal came before the service touched its database: it was never created.
            Assert.False(await DatabaseExistsAsync(database), "a service that refused to start created its database");

            // With every key the same service starts in Production: the refusals were about the keys.
            settings["PersonalData:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            await using (var started = new ServiceHost<BookingDbContext>("booking", settings, listenOnKestrel: false, environment: "Production"))
            {
                using var anonymous = started.CreateClient();
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive", Ct)).StatusCode);
            }
        }
        finally
        {
            await infrastructure.DropDatabaseAsync(database);
            await infrastructure.DeleteVirtualHostAsync(vhost);
        }
    }

    [Fact]
    public async Task The_gateway_outside_development_has_no_development_token_endpoint()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Authentication:Jwt:SigningKey"] = SigningKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var service in new[] { "booking", "screening", "occupancy", "sanitation", "incident" })
        {
            settings[$"services:{service}:http:0"] = "http://localhost:9"; // never called here
        }

        await using var gateway = new ServiceHost<GatewayEntryPoint>("gateway", settings, listenOnKestrel: false, environment: "Production");
        using var anonymous = gateway.CreateClient();
        using var refused = await anonymous.PostAsync("/dev/token?role=citizen", null, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode); // no endpoint: only the fallback policy answers

        using var signedIn = gateway.CreateClient();
        signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", DevelopmentTokens.Create([Roles.Ops], "ops", TimeProvider.System, signingKey: SigningKey));
        using var missing = await signedIn.PostAsync("/dev/token?role=citizen", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive", Ct)).StatusCode); // the gateway itself runs
    }

    private static string Flatten(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(Flatten));
            }
        }

        return string.Join(" | ", messages);
    }

    private async Task<bool> DatabaseExistsAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(infrastructure.PostgresConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(name!);
        return await command.ExecuteScalarAsync(Ct) is not null;
    }
}
