using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace CivicHall.AppHost;

/// <summary>One process of CivicHall in <c>topology.json</c>: its resource name, project and fixed port.</summary>
internal sealed record ProcessEntry(string Name, string Project, int Port, bool PersonalData = false);

/// <summary>
/// What runs where (<c>topology.json</c>, also read by <c>scripts/run --lean</c>), with the overrides a
/// run may give in configuration: <c>Topology:Ports:&lt;name&gt;</c> for any port (the smoke test takes free
/// ones) and <c>Topology:Replicas</c> for the number of instances of each service.
/// </summary>
internal sealed class Topology
{
    private readonly IConfiguration _configuration;
    private readonly IReadOnlyDictionary<string, int> _nativePorts;

    private Topology(string root, IConfiguration configuration, ProcessEntry gateway, IReadOnlyList<ProcessEntry> services, IReadOnlyDictionary<string, int> nativePorts)
    {
        Root = root;
        _configuration = configuration;
        Gateway = gateway;
        Services = services;
        _nativePorts = nativePorts;
        Replicas = configuration.GetValue("Topology:Replicas", 1);
        if (Replicas is < 1 or > 8)
        {
            throw new InvalidOperationException($"Topology:Replicas must be between 1 and 8, not {Replicas}.");
        }
    }

    /// <summary>The repository's root: projects and <c>.run/</c> are found from here.</summary>
    public string Root { get; }

    public ProcessEntry Gateway { get; }

    public IReadOnlyList<ProcessEntry> Services { get; }

    /// <summary>Who has a database of its own, named after it: every service, and the gateway (the portal's nonces).</summary>
    public IEnumerable<ProcessEntry> DatabaseOwners => Services.Append(Gateway);

    /// <summary>Instances of each service; above one, DCP proxies each service's port to its replicas.</summary>
    public int Replicas { get; }

    public int PortOf(ProcessEntry process) => Port(process.Name, process.Port);

    public int NativePort(string name) =>
        Port(name, _nativePorts.TryGetValue(name, out var port) ? port : throw new InvalidOperationException($"topology.json has no native port '{name}'."));

    public string PathOf(ProcessEntry process) => Path.Combine(Root, process.Project);

    private int Port(string name, int fallback)
    {
        var configured = _configuration[$"Topology:Ports:{name}"];
        return configured is null ? fallback : int.Parse(configured, CultureInfo.InvariantCulture);
    }

    public static Topology Load(IDistributedApplicationBuilder builder)
    {
        var file = Path.Combine(builder.AppHostDirectory, "topology.json");
        var document = JsonSerializer.Deserialize<TopologyDocument>(File.ReadAllText(file), JsonOptions)
            ?? throw new InvalidOperationException($"{file} is empty.");
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        return new Topology(root, builder.Configuration, document.Gateway with { Name = "gateway" }, document.Services, document.Native);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record TopologyDocument(
        [property: JsonRequired] ProcessEntry Gateway,
        [property: JsonRequired] IReadOnlyList<ProcessEntry> Services,
        [property: JsonRequired] IReadOnlyDictionary<string, int> Native);
}
