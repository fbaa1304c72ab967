using System.Net.Sockets;
using Testcontainers.RabbitMq;

namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// A RabbitMQ broker of one test's own, which the test may stop and start without disturbing the
/// rest of the suite: a container with a fixed host port where a container engine answers, else a
/// second native node (its own node name, port and data directory, no plugins).
/// </summary>
public sealed class IsolatedBroker : IAsyncDisposable
{
    private const string RabbitBin = "/usr/lib/rabbitmq/bin";
    private readonly RabbitMqContainer? _container;
    private readonly string _nodeName;
    private readonly string _directory;

    private IsolatedBroker(int port, RabbitMqContainer? container)
    {
        Port = port;
        _container = container;
        _nodeName = $"civichall-test-{port}@localhost";
        _directory = Path.Combine(Path.GetTempPath(), $"civichall-rabbit-{port}");
    }

    public int Port { get; }

    public string AmqpUri => _container is null
        ? $"amqp://guest:guest@localhost:{Port}/"
        : $"amqp://civichall:civichall@{_container.Hostname}:{Port}/";

    public static async Task<IsolatedBroker> StartNewAsync(TestInfrastructure infrastructure)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        var port = FreePort();
        RabbitMqContainer? container = null;
        if (infrastructure.UsesContainers)
        {
            container = new RabbitMqBuilder("rabbitmq:3").WithUsername("civichall").WithPassword("civichall")
                .WithPortBinding(port, 5672).Build();
        }

        var broker = new IsolatedBroker(port, container);
        try
        {
            await broker.StartAsync();
        }
        catch
        {
            // A node that did not come up in time may still be booting: it must not outlive the test.
            await broker.DisposeAsync();
            throw;
        }

        return broker;
    }

    public async Task StartAsync()
    {
        if (_container is not null)
        {
            await _container.StartAsync();
            return;
        }

        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "enabled_plugins"), "[].");
        await ProcessRunner.RunAsync("chown", "-R", "rabbitmq:rabbitmq", _directory);
        await RunAsRabbitAsync(
            [
                $"RABBITMQ_NODENAME={_nodeName}",
                $"RABBITMQ_NODE_PORT={Port}",
                $"RABBITMQ_DIST_PORT={Port + 20000}",
                $"RABBITMQ_MNESIA_BASE={_directory}/mnesia",
                $"RABBITMQ_LOG_BASE={_directory}/log",
                $"RABBITMQ_ENABLED_PLUGINS_FILE={_directory}/enabled_plugins",
                $"RABBITMQ_PID_FILE={_directory}/pid",
            ],
            $"{RabbitBin}/rabbitmq-server", "-detached");
        // The AMQP listener opens as the last boot step: an open port means ready.
        await WaitForPortAsync(open: true);
    }

    public async Task StopAsync()
    {
        if (_container is not null)
        {
            await _container.StopAsync();
            return;
        }

        await RunAsRabbitAsync([], $"{RabbitBin}/rabbitmqctl", "-n", _nodeName, "stop");
        await WaitForPortAsync(open: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
            return;
        }

        try
        {
            await StopAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already stopped, or rabbitmqctl could not reach a node that is still booting or hung:
            // end the node's process by the pid it wrote, so no broker outlives its test.
            KillNode();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // never created
        }
    }

    private void KillNode()
    {
        var pidFile = Path.Combine(_directory, "pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // not running
            }
        }
    }

    private static int FreePort()
    {
        // Below 45535 so that the distribution port (+20000) is a valid port too.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port is > 1024 and < 45535)
            {
                return port;
            }
        }

        return Random.Shared.Next(21000, 29000);
    }

    private async Task WaitForPortAsync(bool open)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var client = new TcpClient();
            bool isOpen;
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                isOpen = true;
            }
            catch (SocketException)
            {
                isOpen = false;
            }

            if (isOpen == open)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"RabbitMQ test node on port {Port} did not become {(open ? "reachable" : "unreachable")}.");
    }

    private static Task RunAsRabbitAsync(string[] environment, string program, params string[] arguments) =>
        ProcessRunner.RunAsync("runuser", ["-u", "rabbitmq", "--", "env", "HOME=/var/lib/rabbitmq", .. environment, program, .. arguments]);
}
