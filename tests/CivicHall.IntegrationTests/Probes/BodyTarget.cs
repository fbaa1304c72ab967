using System.Text.Json.Nodes;

namespace CivicHall.IntegrationTests.Probes;

/// <summary>How a step goes down a body: into a property, an array's element or a map's value.</summary>
internal enum StepKind
{
    Property,
    Element,
    MapValue,
}

/// <summary>One step down a request body, with the schema of what it reaches.</summary>
internal sealed record Step(string Name, StepKind Kind, JsonObject Schema);

/// <summary>A property of a request body the sweep spoils, by its path from the body's root (<c>person.name</c>, <c>symptoms[0]</c>).</summary>
internal sealed record BodyTarget(IReadOnlyList<Step> Path)
{
    public string Name => string.Concat(Path.Select((s, i) => s.Kind == StepKind.Property ? (i == 0 ? s.Name : "." + s.Name) : s.Kind == StepKind.Element ? "[0]" : ".{key}"));

    public JsonObject Schema => Path[^1].Schema;
}
