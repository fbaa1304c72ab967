using System.Text.Json.Nodes;

namespace CivicHall.Gateway.Docs;

/// <summary>One service's OpenAPI document, as the service serves it.</summary>
public sealed record ServiceDocument(string Service, JsonObject Document);

/// <summary>
/// Merges the services' OpenAPI documents into the one document integrators read (<c>/openapi/civichall.json</c>).
/// Paths are disjoint by design (each route belongs to one service); a component two services define the
/// same (the <c>Problem</c> schema, the security schemes) is kept once, and one they define differently is
/// renamed for the second service (<c>Booking</c> + name) with every <c>$ref</c> of that document rewritten.
/// Tags keep their names and are grouped per service (<c>x-tagGroups</c>); the problem codes
/// (<c>x-problem-codes</c>) are united. Pure: the documents in, the document out.
/// </summary>
public static class OpenApiMerge
{
    public const string ProblemCodesExtension = "x-problem-codes";
    public const string MissingServicesExtension = "x-civichall-missing-services";

    private static readonly string[] ComponentSections =
        ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems"];

    public static JsonObject Merge(IReadOnlyList<ServiceDocument> documents, IReadOnlyCollection<string> missingServices)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(missingServices);
        var paths = new JsonObject();
        var components = new JsonObject();
        var tags = new JsonArray();
        var tagNames = new HashSet<string>(StringComparer.Ordinal);
        var tagGroups = new JsonArray();
        var problemCodes = new JsonObject();
        var descriptions = new List<string>();
        string? common = null;

        foreach (var (service, original) in documents)
        {
            var document = Renamed(original, ComponentRenames(service, original, components));
            MergeComponents(document, components);
            MergePaths(document, paths);

            var groupTags = new JsonArray();
            foreach (var tag in (document["tags"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = (string?)tag["name"];
                if (name is null)
                {
                    continue;
                }

                groupTags.Add(name);
                if (tagNames.Add(name))
                {
                    tags.Add(tag.DeepClone());
                }
            }

            var title = (string?)document["info"]?["title"] ?? service;
            tagGroups.Add(new JsonObject { ["name"] = title, ["tags"] = groupTags });
            foreach (var (code, titles) in document[ProblemCodesExtension] as JsonObject ?? [])
            {
                problemCodes[code] ??= titles?.DeepClone();
            }

            var description = (string?)document["info"]?["description"] ?? string.Empty;
            var split = description.IndexOf("\n\n", StringComparison.Ordinal);
            descriptions.Add($"**{title}**: {(split < 0 ? description : description[..split])}");
            common ??= split < 0 ? null : description[(split + 2)..];
        }

        var first = documents.Count > 0 ? documents[0].Document : new JsonObject();
        var merged = new JsonObject
        {
            ["openapi"] = first["openapi"]?.DeepClone() ?? "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "CivicHall API",
                ["version"] = "v1",
                ["description"] = Description(descriptions, common, missingServices),
            },
        };
        if (first["servers"] is { } servers)
        {
            merged["servers"] = servers.DeepClone();
        }

        merged["paths"] = paths;
        merged["components"] = components;
        if (first["security"] is { } security)
        {
            merged["security"] = security.DeepClone();
        }

        merged["tags"] = tags;
        merged["x-tagGroups"] = tagGroups;
        merged[ProblemCodesExtension] = problemCodes;
        if (missingServices.Count > 0)
        {
            merged[MissingServicesExtension] = new JsonArray([.. missingServices.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }

        return merged;
    }

    private static string Description(List<string> services, string? common, IReadOnlyCollection<string> missing)
    {
        var text = "The whole public API of CivicHall as the gateway serves it: one document made of the five services' own "
            + "(`/openapi/{service}.json`). Each tag group is one service.\n\n" + string.Join("\n\n", services);
        if (common is not null)
        {
            text += "\n\n" + common;
        }

        if (missing.Count > 0)
        {
            text += $"\n\n**Incomplete**: {string.Join(", ", missing)} did not answer when this document was made; their operations are missing.";
        }

        return text;
    }

    /// <summary>For each component of <paramref name="document"/> whose name is taken by a different one already merged, its new name.</summary>
    private static Dictionary<string, string> ComponentRenames(string service, JsonObject document, JsonObject merged)
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = char.ToUpperInvariant(service[0]) + service[1..];
        foreach (var section in ComponentSections)
        {
            if (document["components"]?[section] is not JsonObject own || merged[section] is not JsonObject taken)
            {
                continue;
            }

            foreach (var (name, value) in own)
            {
                if (taken[name] is { } existing && !JsonNode.DeepEquals(existing, value))
                {
                    renames[$"#/components/{section}/{name}"] = $"#/components/{section}/{prefix}{name}";
                }
            }
        }

        return renames;
    }

    private static JsonObject Renamed(JsonObject document, Dictionary<string, string> renames)
    {
        var copy = (JsonObject)document.DeepClone();
        if (renames.Count == 0)
        {
            return copy;
        }

        RewriteReferences(copy, renames);
        foreach (var (from, to) in renames)
        {
            var section = from.Split('/')[2];
            var components = (JsonObject)copy["components"]![section]!;
            var name = from[(from.LastIndexOf('/') + 1)..];
            var value = components[name];
            components.Remove(name);
            components[to[(to.LastIndexOf('/') + 1)..]] = value;
        }

        return copy;
    }

    private static void RewriteReferences(JsonNode? node, Dictionary<string, string> renames)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && renames.TryGetValue(target, out var renamed))
                {
                    obj["$ref"] = renamed;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    RewriteReferences(child, renames);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteReferences(child, renames);
                }

                break;
        }
    }

    private static void MergeComponents(JsonObject document, JsonObject components)
    {
        foreach (var (section, entries) in document["components"] as JsonObject ?? [])
        {
            if (entries is not JsonObject own)
            {
                continue;
            }

            var target = components[section] as JsonObject ?? (JsonObject)(components[section] = new JsonObject());
            foreach (var (name, value) in own)
            {
                target[name] ??= value?.DeepClone();
            }
        }
    }

    /// <summary>Paths are each one service's; the rare path two services share keeps both services' methods (the first wins a clash).</summary>
    private static void MergePaths(JsonObject document, JsonObject paths)
    {
        foreach (var (path, item) in document["paths"] as JsonObject ?? [])
        {
            if (item is not JsonObject operations)
            {
                continue;
            }

            if (paths[path] is not JsonObject existing)
            {
                paths[path] = operations.DeepClone();
                continue;
            }

            foreach (var (method, operation) in operations)
            {
                existing[method] ??= operation?.DeepClone();
            }
        }
    }
}
