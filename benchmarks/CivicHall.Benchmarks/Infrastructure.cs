using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace CivicHall.Benchmarks;

/// <summary>Fresh databases and RabbitMQ vhosts on the servers scripts/infra starts, removed afterwards.</summary>
public sealed class Infrastructure : IAsyncDisposable
{
    private const string Postgres = "Host=localhost;Port=5432;Username=civichall;Password=civichall;Database=postgres";
    private readonly HttpClient _management = new() { BaseAddress = new Uri("http://localhost:15672/api/") };
    private readonly List<string> _databases = [];
    private readonly List<string> _vhosts = [];

    public Infrastructure() =>
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("civichall:civichall")));

    public string NewDatabase()
    {
        var name = $"bench_{Guid.NewGuid():N}"[..30];
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    public async Task<string> NewVirtualHostAsync()
    {
        var vhost = $"bench-{Guid.NewGuid():N}";
        _vhosts.Add(vhost);
        (await _management.PutAsync(new Uri($"vhosts/{vhost}", UriKind.Relative), null)).EnsureSuccessStatusCode();
        using var body = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await _management.PutAsync(new Uri($"permissions/{vhost}/civichall", UriKind.Relative), body)).EnsureSuccessStatusCode();
        return $"amqp://civichall:civichall@localhost:5672/{vhost}";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        foreach (var database in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        foreach (var vhost in _vhosts)
        {
            using var _ = await _management.DeleteAsync(new Uri($"vhosts/{vhost}", UriKind.Relative));
        }

        _management.Dispose();
    }
}
