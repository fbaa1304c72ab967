using System.Text.Json.Serialization;

namespace CivicHall.Incident.Containment;

/// <summary>What a containment action does; stored and shown as its wire name (<see cref="ContainmentKinds"/>).</summary>
public enum ContainmentKind
{
    /// <summary>One zone closed (污染单个区域): ordered at once by a duty leader.</summary>
    [JsonStringEnumMemberName(ContainmentKinds.ZoneClosure)]
    ZoneClosure,

    /// <summary>On-site service of the hall suspended (暂停现场服务): requested, then approved by a second person.</summary>
    [JsonStringEnumMemberName(ContainmentKinds.Suspension)]
    Suspension,

    /// <summary>On-site service resumed after a suspension: requested, then approved by a second person.</summary>
    [JsonStringEnumMemberName(ContainmentKinds.Resumption)]
    Resumption,
}

/// <summary>The wire names of <see cref="ContainmentKind"/>.</summary>
public static class ContainmentKinds
{
    public const string ZoneClosure = "zone_closure";
    public const string Suspension = "suspension";
    public const string Resumption = "resumption";

    public static IReadOnlyList<string> All { get; } = [ZoneClosure, Suspension, Resumption];
}
