using System.Net.Sockets;

namespace CivicHall.IntegrationTests.Infrastructure;

/// <summary>
/// Whether a container engine answers (Docker's API socket replies to <c>/_ping</c>). The Docker
/// client alone is not enough: machines without a daemon run the tests on native servers.
/// <c>CIVICHALL_TEST_INFRA=native|containers</c> overrides the detection.
/// </summary>
public static class ContainerEngine
{
    public static bool IsAvailable()
    {
        var forced = Environment.GetEnvironmentVariable("CIVICHALL_TEST_INFRA");
        if (!string.IsNullOrEmpty(forced))
        {
            return forced.Equals("containers", StringComparison.OrdinalIgnoreCase);
        }

        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketPath = host is not null && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : "/var/run/docker.sock";
        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.ReceiveTimeout = 2000;
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            socket.Send("GET /_ping HTTP/1.0\r\n\r\n"u8);
            var buffer = new byte[64];
            var read = socket.Receive(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
