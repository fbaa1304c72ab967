using System.Text.Json.Nodes;

namespace CivicHall.IntegrationTests.Probes;

/// <summary>One operation of a service's OpenAPI document, as the gateway serves it.</summary>
public sealed record ApiOperation(
    string Service,
    string Method,
    string Template,
    IReadOnlyList<ApiParameter> PathParameters,
    IReadOnlyList<ApiParameter> QueryParameters,
    JsonObject? BodySchema)
{
    /// <summary>"METHOD /path/{template}", the key of the probes' tables.</summary>
    public string Key => $"{Method} {Template}";

    public bool IsRead => Method is "GET" or "HEAD";

    public override string ToString() => Key;
}

/// <summary>A path or query parameter with its (resolved) schema.</summary>
public sealed record ApiParameter(string Name, JsonObject Schema);

/// <summary>
/// The five services' OpenAPI documents (<c>GET /openapi/{service}.json</c> through the gateway), read
/// into operations with <c>$ref</c>s and nullable <c>oneOf</c>s resolved, so probes are driven by what the
/// documents say and cover a new endpoint without being edited.
/// </summary>
public sealed class ApiDescription
{
    public static readonly string[] Services = ["booking", "screening", "occupancy", "sanitation", "incident"];

    private readonly Dictionary<string, JsonObject> _documents;

    private ApiDescription(Dictionary<string, JsonObject> documents, List<ApiOperation> operations)
    {
        _documents = documents;
        Operations = operations;
    }

    public IReadOnlyList<ApiOperation> Operations { get; }

    /// <summary>A service's document as served.</summary>
    public JsonObject Document(string service) => _documents[service];

    /// <summary>Services whose document lists no operation at all.</summary>
    public IEnumerable<string> ServicesWithoutOperations =>
        Services.Where(s => !Operations.Any(o => o.Service == s));

    public static async Task<ApiDescription> LoadAsync(HttpClient anonymous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anonymous);
        var documents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var operations = new List<ApiOperation>();
        foreach (var service in Services)
        {
            var document = await anonymous.GetFromJsonAsync<JsonObject>($"/openapi/{service}.json", cancellationToken)
                ?? throw new InvalidOperationException($"/openapi/{service}.json is empty.");
            documents[service] = document;
        }

        var description = new ApiDescription(documents, operations);
        foreach (var (service, document) in documents)
        {
            foreach (var (template, item) in document["paths"]?.AsObject() ?? [])
            {
                foreach (var (method, node) in item!.AsObject())
                {
                    if (method is "parameters" or "summary" or "description" or "servers" || node is not JsonObject operation)
                    {
                        continue;
                    }

                    var parameters = (operation["parameters"]?.AsArray() ?? []).Concat(item["parameters"]?.AsArray() ?? [])
                        .OfType<JsonObject>()
                        .Select(p => (In: (string?)p["in"], Parameter: new ApiParameter((string)p["name"]!, description.Resolve(service, p["schema"]))))
                        .ToList();
                    var body = operation["requestBody"]?["content"]?.AsObject()
                        .Where(c => c.Key.Contains("json", StringComparison.OrdinalIgnoreCase))
                        .Select(c => description.Resolve(service, c.Value?["schema"]))
                        .FirstOrDefault();
                    operations.Add(new ApiOperation(
                        service,
                        method.ToUpperInvariant(),
                        template,
                        [.. parameters.Where(p => p.In == "path").Select(p => p.Parameter)],
                        [.. parameters.Where(p => p.In == "query").Select(p => p.Parameter)],
                        body));
                }
            }
        }

        operations.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return description;
    }

    /// <summary>
    /// The schema a node stands for: <c>$ref</c> followed, a nullable <c>oneOf</c>/<c>anyOf</c> reduced to
    /// its non-null alternative. Returns an empty schema for none.
    /// </summary>
    public JsonObject Resolve(string service, JsonNode? schema, int depth = 0)
    {
        if (schema is not JsonObject obj || depth > 16)
        {
            return [];
        }

        if (obj["$ref"]?.GetValue<string>() is { } reference)
        {
            const string Prefix = "#/components/schemas/";
            var name = reference.StartsWith(Prefix, StringComparison.Ordinal) ? reference[Prefix.Length..] : reference;
            return Resolve(service, _documents[service]["components"]?["schemas"]?[name], depth + 1);
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (obj[combinator] is JsonArray alternatives)
            {
                var real = alternatives.OfType<JsonObject>().FirstOrDefault(a => !IsNullOnly(a));
                return real is null ? [] : Resolve(service, real, depth + 1);
            }
        }

        return obj;
    }

    /// <summary>Resolves a child schema (property, items, additionalProperties) of an operation's service.</summary>
    public JsonObject Child(ApiOperation operation, JsonNode? schema) => Resolve(operation.Service, schema);

    /// <summary>The JSON type a schema describes, ignoring "null" and the "string" that numbers also accept.</summary>
    public static string TypeOf(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => (string?)t).OfType<string>().ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => [],
        };
        foreach (var type in new[] { "integer", "number", "boolean", "array", "object", "string" })
        {
            if (types.Contains(type))
            {
                return type;
            }
        }

        return schema["properties"] is not null || schema["additionalProperties"] is JsonObject ? "object" : "any";
    }

    public static string? FormatOf(JsonObject schema) => (string?)schema?["format"];

    /// <summary>A plausible value for a schema, for operations the probes hold no example body for.</summary>
    public JsonNode? Generate(ApiOperation operation, JsonObject schema, int depth = 0)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(schema);
        if (depth > 6)
        {
            return null;
        }

        switch (TypeOf(schema))
        {
            case "object":
                var result = new JsonObject();
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                {
                    result[name] = Generate(operation, Child(operation, property), depth + 1);
                }

                if (schema["additionalProperties"] is JsonObject additional)
                {
                    result["probe"] = Generate(operation, Child(operation, additional), depth + 1);
                }

                return result;
            case "array":
                return new JsonArray(Generate(operation, Child(operation, schema["items"]), depth + 1));
            case "integer":
            case "number":
                return JsonValue.Create(1);
            case "boolean":
                return JsonValue.Create(false);
            default:
                return FormatOf(schema) switch
                {
                    "date-time" => JsonValue.Create(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)),
                    "date" => JsonValue.Create(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    "time" => JsonValue.Create("09:00"),
                    "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                    _ => JsonValue.Create("probe"),
                };
        }
    }

    private static bool IsNullOnly(JsonObject schema) =>
        schema["type"] is JsonValue value && value.GetValue<string>() == "null" && schema["properties"] is null;
}
