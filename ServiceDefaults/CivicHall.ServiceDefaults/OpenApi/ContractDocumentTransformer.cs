using System.Text.Json.Nodes;
using CivicHall.ServiceDefaults.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace CivicHall.ServiceDefaults.OpenApi;

/// <summary>
/// The document as a whole: title, version and description of the service, the one server clients call
/// (the gateway, <see cref="OpenApiSetup.ServerUrlKey"/>, relative <c>/</c> by default, so the document is
/// right wherever it was fetched from), the security schemes, the tags' descriptions and the shared
/// <c>Problem</c> schema that every problem answer refers to.
/// </summary>
internal sealed class ContractDocumentTransformer(ApiContract contract) : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";
    public const string PortalSignatureScheme = "portalSignature";
    public const string ProblemSchema = "Problem";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var configuration = context.ApplicationServices.GetRequiredService<IConfiguration>();
        document.Info = new OpenApiInfo
        {
            Title = contract.Title,
            Version = "v1",
            Description = contract.Description + "\n\n" + CommonDescription,
        };
        document.Servers =
        [
            new OpenApiServer
            {
                Url = configuration[OpenApiSetup.ServerUrlKey] is { Length: > 0 } url ? url : "/",
                Description = "The CivicHall gateway, the only address clients call (production and every other environment: "
                    + "relative to where this document was fetched, unless configured).",
                Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal) { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            },
        ];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token (JWT, a JWS) in `Authorization: Bearer …`, checked by the gateway and again by the service as RFC8725 "
                + "recommends: signed with the configured key (HS256) or a key of the configured OpenID Connect authority — unsigned tokens "
                + "(`alg: none`) are refused —, issuer `civichall` and audience `civichall-api`, not expired (30 s clock skew). The `role` claim "
                + "holds the caller's roles (citizen, agent, screener, window_staff, sanitation_staff, duty_leader, ops, portal), `sub` the caller. "
                + "A missing or invalid token is 401 `unauthenticated`; a role not let in is 403 `forbidden`.",
        };
        document.Components.SecuritySchemes[PortalSignatureScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-CivicHall-Signature",
            Description = "The 一网通办 portal's signed requests, verified by the gateway (README \"Portal signing\") on the routes its "
                + "registered client may call: headers `X-CivicHall-AppKey`, `X-CivicHall-Timestamp` (Unix seconds, within ±5 min), "
                + "`X-CivicHall-Nonce` (16–64 of `[A-Za-z0-9_-]`, once per app key within the window, on every gateway replica), "
                + "`X-CivicHall-Citizen` (the citizen the portal acts for) and `X-CivicHall-Signature`: base64 of HMAC-SHA256 with the "
                + "client's secret over the newline-joined method, path as sent, canonical query (sorted, RFC 3986), timestamp, nonce, "
                + "citizen and lowercase hex SHA-256 of the body. The gateway then forwards the request with a short-lived token of "
                + "the `portal` role whose subject is the citizen, so each operation's bearer requirement is met as with a portal token. "
                + "Refusals: 401 `portal_signature_headers_missing`, `portal_signature_header_invalid`, `portal_app_key_unknown`, "
                + "`portal_timestamp_out_of_window`, `portal_signature_invalid`, `portal_nonce_replayed`; 403 `portal_route_not_allowed`.",
        };

        EnsureProblemSchema(document);
        // The framework's own problem schemas are replaced by Problem in every answer.
        document.Components.Schemas?.Remove("ProblemDetails");
        document.Components.Schemas?.Remove("HttpValidationProblemDetails");

        AddProblemCodes(document);

        var used = document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).SelectMany(o => o.Tags ?? Enumerable.Empty<OpenApiTagReference>()).Select(t => t.Name!).ToHashSet(StringComparer.Ordinal) ?? [];
        document.Tags = new HashSet<OpenApiTag>(
            contract.Tags.Where(t => used.Contains(t.Key)).Select(t => new OpenApiTag { Name = t.Key, Description = t.Value })
                .Concat(used.Where(u => !contract.Tags.ContainsKey(u)).Select(u => new OpenApiTag { Name = u })));
        return Task.CompletedTask;
    }

    /// <summary>The extension naming every problem code the document's operations answer, with its title in both languages.</summary>
    public const string ProblemCodesExtension = "x-problem-codes";

    /// <summary>
    /// <c>x-problem-codes</c>: each code some answer of this document lists (the examples of its problem answers,
    /// <see cref="ContractOperationTransformer"/>), with its zh-CN and en titles, from which the gateway's
    /// reference renders a page per code.
    /// </summary>
    private static void AddProblemCodes(OpenApiDocument document)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var operation in document.Paths?.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()) ?? [])
        {
            foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
            {
                if (response.Content?.TryGetValue(ContractOperationTransformer.ProblemMediaType, out var media) == true && media.Examples is { } examples)
                {
                    codes.UnionWith(examples.Keys);
                }
            }
        }

        var titles = new JsonObject();
        foreach (var code in codes)
        {
            titles[code] = new JsonObject
            {
                ["zh-CN"] = ProblemCatalog.Message(code, english: false),
                ["en"] = ProblemCatalog.Message(code, english: true),
            };
        }

        document.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        document.Extensions[ProblemCodesExtension] = new JsonNodeExtension(titles);
    }

    private const string CommonDescription =
        "Every error is `application/problem+json` (RFC 7807) on the `Problem` schema, with a stable machine `code` (listed with each answer), "
        + "a `type` that points at the page explaining the code (`/docs/problems/{code}` on the gateway), a title and detail in Chinese unless "
        + "`Accept-Language` prefers English, and the `traceId` to quote to support. Request bodies are JSON of at most "
        + "1 MiB (else 413 `payload_too_large`); no string may hold control characters other than tab, line feed and carriage return; ids a "
        + "caller chooses follow `[A-Za-z0-9][A-Za-z0-9._-]{0,63}`. Times are instants in UTC, ISO 8601 with "
        + "their offset; dates `yyyy-MM-dd` (the hall's local date). Lists that grow are paged by `limit` and `cursor` (`nextCursor`).";

    /// <summary>The RFC 7807 problem every error answer carries (ServiceDefaults/Problems).</summary>
    internal static void EnsureProblemSchema(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            return;
        }

        static OpenApiSchema Text(string description, int maxLength, JsonSchemaType type = JsonSchemaType.String) =>
            new() { Type = type, Description = description, MaxLength = maxLength };

        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 7807 problem with CivicHall's stable `code`. Some codes add members of their own, named where the operation lists them.",
            Required = new HashSet<string>(StringComparer.Ordinal) { "type", "title", "status", "code", "traceId" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["type"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = "uri-reference",
                    MaxLength = 200,
                    Description = "`/docs/problems/{code}`: the page of the API reference that explains the code, relative to the gateway's address.",
                },
                ["title"] = Text("What went wrong, in the caller's language (zh-CN unless `Accept-Language` prefers English).", 200),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "The HTTP status." },
                ["detail"] = Text("More about this occurrence, in the caller's language like the title; never on a 5xx.", 2000),
                ["instance"] = Text("The request path.", 2048),
                ["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Pattern = "^[a-z][a-z0-9_]*$",
                    MaxLength = 64,
                    Description = $"The stable machine code, e.g. `{ProblemCodes.ValidationFailed}`: what a client branches on.",
                },
                ["traceId"] = Text("The trace id of the request, also in the service's log line for it.", 64),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = $"With `{ProblemCodes.ValidationFailed}`: each invalid field or parameter and what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        MaxItems = 20,
                        Items = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 500 },
                    },
                },
            },
        };
    }
}
