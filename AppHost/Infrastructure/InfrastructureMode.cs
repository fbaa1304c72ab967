using System.Diagnostics;

namespace CivicHall.AppHost;

internal enum InfrastructureMode
{
    Containers,
    Native,
    External,
}

internal static class InfrastructureModes
{
    public static InfrastructureMode Resolve(string? configured) => (configured ?? "auto").Trim().ToLowerInvariant() switch
    {
        "auto" or "" => ContainerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Native,
        "containers" => InfrastructureMode.Containers,
        "native" => InfrastructureMode.Native,
        "external" => InfrastructureMode.External,
        var other => throw new InvalidOperationException(
            $"Infrastructure:Mode '{other}' is not one of auto, containers, native, external."),
    };

    /// <summary>
    /// Whether a container engine's daemon answers (not merely whether its client is installed: a
    /// <c>docker</c> client without a daemon would leave every container, and the services waiting for
    /// them, pending forever). The engine is the one Aspire would use: ASPIRE_CONTAINER_RUNTIME, else docker.
    /// </summary>
    private static bool ContainerEngineAnswers()
    {
        var engine = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } named ? named : "docker";
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(engine, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (probe is null)
            {
                return false;
            }

            if (!probe.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                probe.Kill(entireProcessTree: true);
                return false;
            }

            return probe.ExitCode == 0 && probe.StandardOutput.ReadToEnd().Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
