using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CivicHall.ServiceDefaults.Auth;
using CivicHall.ServiceDefaults.Problems;
using CivicHall.ServiceDefaults.Requests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace CivicHall.ServiceDefaults.OpenApi;

/// <summary>
/// Completes every operation with what every CivicHall endpoint shares, so that a generated client knows it:
/// <list type="bullet">
/// <item>the <c>bearer</c> security requirement (unless the endpoint is anonymous) and the roles let in;</item>
/// <item>the problem answers (<c>application/problem+json</c> on the shared <c>Problem</c> schema, their codes
/// listed with an example each): 400 <c>validation_failed</c>, 401 <c>unauthenticated</c>, 403 <c>forbidden</c>
/// where a role or the caller's subject decides, 413 <c>payload_too_large</c> and 415 for a body, 500 and 503
/// <c>temporarily_unavailable</c> (with <c>Retry-After</c>), and those the endpoint declares
/// (<see cref="ContractEndpointExtensions.ProducesProblems{TBuilder}"/>);</item>
/// <item>the id grammar on route and query ids, required query parameters, declared headers, and a request
/// body that is required (and not <c>null</c>) unless the endpoint says otherwise.</item>
/// </list>
/// </summary>
internal sealed class ContractOperationTransformer : IOpenApiOperationTransformer
{
    public const string ProblemMediaType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer needs the document.");
        ContractDocumentTransformer.EnsureProblemSchema(document);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var roles = RolesOf(metadata);
        var declared = metadata.OfType<ProblemCodesMetadata>().ToList();
        var method = context.Description.HttpMethod ?? "GET";
        var hasBody = operation.RequestBody is not null;

        if (!anonymous)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ContractDocumentTransformer.BearerScheme, document)] = [] }];
            var who = roles.Count == 0 ? "Anyone signed in." : $"Roles: {string.Join(", ", roles.Select(r => $"`{r}`"))}.";
            operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? who : $"{operation.Description.TrimEnd()}\n\n{who}";
        }
        else
        {
            // An empty requirement: no credentials needed (OpenAPI 3.1 §4.8.30), said rather than left out.
            operation.Security = [new OpenApiSecurityRequirement()];
            const string open = "No token needed.";
            operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? open : $"{operation.Description.TrimEnd()}\n\n{open}";
        }

        Parameters(operation, context);
        RequestBody(operation, metadata);
        Headers(operation, metadata);

        operation.Responses ??= [];
        var problems = new SortedDictionary<int, List<string>>();
        void Add(int status, params string[] codes)
        {
            if (!problems.TryGetValue(status, out var list))
            {
                problems[status] = list = [];
            }

            list.AddRange(codes.Where(c => !list.Contains(c)));
        }

        Add(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, ProblemCodes.BadRequest);
        if (!anonymous)
        {
            Add(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated);
        }

        if (roles.Count > 0)
        {
            Add(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden);
        }

        if (hasBody || method is "POST" or "PUT" or "PATCH")
        {
            Add(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge);
        }

        if (hasBody)
        {
            Add(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType);
        }

        Add(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError);
        Add(StatusCodes.Status503ServiceUnavailable, ProblemCodes.TemporarilyUnavailable, ProblemCodes.ServiceUnavailable);

        foreach (var declaration in declared)
        {
            Add(declaration.Status, declaration.Codes.Count == 0 ? [ProblemCatalog.CodeForStatus(declaration.Status)] : [.. declaration.Codes]);
        }

        // Problem answers the framework inferred (ProducesProblem without codes) keep their status.
        foreach (var key in operation.Responses.Keys.ToList())
        {
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status >= 400 && !problems.ContainsKey(status))
            {
                Add(status, ProblemCatalog.CodeForStatus(status));
            }
        }

        var path = "/" + (context.Description.RelativePath ?? string.Empty).TrimStart('/');
        foreach (var (status, codes) in problems)
        {
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = ProblemResponse(document, status, codes, path);
        }

        foreach (var (key, response) in operation.Responses)
        {
            if (key == "201" && response is OpenApiResponse created)
            {
                created.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                created.Headers.TryAdd("Location", Header("The address of what was created.", JsonSchemaType.String, 2048));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The roles an endpoint lets in: from <c>RequireAuthorization(role)</c> and <c>RequireRole(…)</c>.</summary>
    internal static List<string> RolesOf(IEnumerable<object> metadata)
    {
        var roles = new List<string>();
        foreach (var item in metadata)
        {
            switch (item)
            {
                case IAuthorizeData { Policy: { } policy } when Roles.All.Contains(policy):
                    roles.Add(policy);
                    break;
                case IAuthorizeData { Roles: { } list }:
                    roles.AddRange(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case AuthorizationPolicy policy:
                    roles.AddRange(policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles));
                    break;
            }
        }

        return [.. roles.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Route and query ids follow the id grammar (checked centrally), UUID ids their format; [Required] query parameters are required.</summary>
    private static void Parameters(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            var description = context.Description.ParameterDescriptions.FirstOrDefault(d => string.Equals(d.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            var info = (description?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo;
            var schema = parameter.Schema as OpenApiSchema;
            if (parameter.Name is null)
            {
                continue;
            }

            var isId = parameter.Name.Length > 2 && parameter.Name.EndsWith("Id", StringComparison.Ordinal);
            if (parameter.In is ParameterLocation.Path or ParameterLocation.Query && isId && schema is not null && schema.Format != "uuid")
            {
                schema.Type = JsonSchemaType.String;
                ContractSchemaTransformer.ApplyIdentifier(schema);
                parameter.Description ??= Identifier.Rule;
            }

            if (parameter.In == ParameterLocation.Query && info is not null && info.GetCustomAttributes(inherit: true).OfType<RequiredAttribute>().Any())
            {
                parameter.Required = true;
            }

            if (info is not null && info.GetCustomAttributes(inherit: true).OfType<System.ComponentModel.DescriptionAttribute>().FirstOrDefault() is { } text)
            {
                parameter.Description = text.Description;
            }

            if (parameter.In == ParameterLocation.Query
                && context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterMetadata>()
                    .FirstOrDefault(q => string.Equals(q.Name, parameter.Name, StringComparison.Ordinal)) is { } declared)
            {
                parameter.Description = declared.Description;
                if (schema is not null)
                {
                    schema.MaxLength = declared.MaxLength;
                }
            }

            if (description?.Source == BindingSource.Query && schema?.Type is { } type && type.HasFlag(JsonSchemaType.Null))
            {
                schema.Type = type & ~JsonSchemaType.Null;
            }
        }
    }

    /// <summary>A JSON body is required and not <c>null</c>, unless the endpoint marks it optional.</summary>
    private static void RequestBody(OpenApiOperation operation, IEnumerable<object> metadata)
    {
        if (operation.RequestBody is not OpenApiRequestBody body)
        {
            return;
        }

        body.Required = !metadata.OfType<OptionalBodyMetadata>().Any();
        var example = metadata.OfType<RequestExampleMetadata>().LastOrDefault()?.Example;
        foreach (var media in body.Content?.Values ?? [])
        {
            if (example is not null)
            {
                media.Example = example.DeepClone();
            }

            if (media.Schema is OpenApiSchema { OneOf: { Count: 2 } alternatives } && alternatives.FirstOrDefault(a => a.Type != JsonSchemaType.Null) is { } real
                && alternatives.Any(a => a.Type == JsonSchemaType.Null))
            {
                media.Schema = real;
            }
        }
    }

    /// <summary>Request headers become header parameters; response headers are added to their status.</summary>
    private static void Headers(OpenApiOperation operation, IEnumerable<object> metadata)
    {
        foreach (var header in metadata.OfType<RequestHeaderMetadata>())
        {
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.Name == header.Name && p.In == ParameterLocation.Header))
            {
                continue;
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Required = header.Required,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = header.MaxLength },
            });
        }

        if (metadata.OfType<CsvAnswerMetadata>().Any() && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse table)
        {
            table.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            table.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "RFC 4180, UTF-8 with a byte-order mark, a header row; with `format=csv` or `Accept: text/csv`.",
                },
            };
            table.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            table.Headers["Content-Disposition"] = Header("With CSV: `attachment` and the file's name.", JsonSchemaType.String, 200);
        }

        foreach (var header in metadata.OfType<ResponseHeaderMetadata>())
        {
            if (operation.Responses?.TryGetValue(header.Status.ToString(CultureInfo.InvariantCulture), out var response) == true && response is OpenApiResponse known)
            {
                known.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                known.Headers[header.Name] = Header(header.Description, JsonSchemaType.String, 200);
            }
        }
    }

    private static OpenApiHeader Header(string description, JsonSchemaType type, int? maxLength) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = type, MaxLength = type == JsonSchemaType.String ? maxLength : null },
    };

    /// <summary>A problem answer: the shared schema, every code it may carry with its meaning, and an example of each.</summary>
    private static OpenApiResponse ProblemResponse(OpenApiDocument document, int status, List<string> codes, string path)
    {
        var text = new StringBuilder();
        text.Append(ReasonPhrases.GetReasonPhrase(status)).Append(". `code`: ");
        text.AppendJoin("; ", codes.Select(c => $"`{c}` ({ProblemCatalog.Message(c, english: true).TrimEnd('.')})"));
        text.Append('.');
        var media = new OpenApiMediaType
        {
            Schema = new OpenApiSchemaReference(ContractDocumentTransformer.ProblemSchema, document),
            Examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal),
        };
        foreach (var code in codes)
        {
            var example = new JsonObject
            {
                ["type"] = ProblemTypes.Uri(code),
                ["title"] = ProblemCatalog.Message(code, english: true),
                ["status"] = status,
                ["instance"] = path,
                ["code"] = code,
                ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736",
            };
            if (code == ProblemCodes.ValidationFailed)
            {
                example["errors"] = new JsonObject { ["hallId"] = new JsonArray(Identifier.Rule) };
            }

            media.Examples[code] = new OpenApiExample { Summary = ProblemCatalog.Message(code, english: true), Value = example };
        }

        var response = new OpenApiResponse
        {
            Description = text.ToString(),
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [ProblemMediaType] = media },
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "3600" },
                },
            };
        }

        return response;
    }
}
