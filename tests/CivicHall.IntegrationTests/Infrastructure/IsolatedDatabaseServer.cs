using System.Net.Sockets;

namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL server of one test's own, which the test may stop and start without disturbing the
/// rest of the suite: a cluster made with <c>initdb</c> in a temporary directory, its own port and
/// socket directory, run as the <c>postgres</c> user (the server refuses root) from Debian's
/// PostgreSQL 15 binaries. Stopped with a fast shutdown, as a restart or fail-over does.
/// </summary>
public sealed class IsolatedDatabaseServer : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;

    private IsolatedDatabaseServer(int port)
    {
        Port = port;
        _directory = Path.Combine(Path.GetTempPath(), $"civichall-pg-{port}");
    }

    public int Port { get; }

    /// <summary>
    /// A connection string for a database on this server (the service creates it on start). The server
    /// takes 50 connections: several services on it need smaller pools than the default 10.
    /// </summary>
    public string ConnectionString(string database, int maxPoolSize = 10) =>
        $"Host=localhost;Port={Port};Username=civichall;Password=civichall;Database={database};SSL Mode=Disable;Maximum Pool Size={maxPoolSize};Timeout=3";

    public static async Task<IsolatedDatabaseServer> StartNewAsync()
    {
        if (!File.Exists($"{Bin}/initdb"))
        {
            throw new InvalidOperationException($"{Bin}/initdb is missing: this test needs Debian's postgresql-15 (scripts/infra installs it).");
        }

        var server = new IsolatedDatabaseServer(FreePort());
        try
        {
            Directory.CreateDirectory(server._directory);
            await ProcessRunner.RunAsync("chown", "postgres:postgres", server._directory);
            await RunAsPostgresAsync($"{Bin}/initdb", "-D", server.DataDirectory, "-U", "civichall", "--auth=trust", "-E", "UTF8", "--no-sync");
            await server.StartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    public async Task StartAsync()
    {
        await RunAsPostgresAsync(
            $"{Bin}/pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_directory} -c listen_addresses=localhost -c fsync=off -c max_connections=50", "start");
    }

    /// <summary>A fast shutdown: sessions are ended at once, as in a restart.</summary>
    public Task StopAsync() => RunAsPostgresAsync($"{Bin}/pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync($"{Bin}/pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]);
}
