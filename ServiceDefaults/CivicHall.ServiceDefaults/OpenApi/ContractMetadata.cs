using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using CivicHall.ServiceDefaults.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace CivicHall.ServiceDefaults.OpenApi;

/// <summary>The problem codes an endpoint may answer with one status (read by the OpenAPI operation transformer).</summary>
public sealed record ProblemCodesMetadata(int Status, IReadOnlyList<string> Codes);

/// <summary>A request header an endpoint reads, as its OpenAPI document describes it.</summary>
public sealed record RequestHeaderMetadata(string Name, bool Required, string Description, int MaxLength);

/// <summary>
/// A query parameter's description and longest value, for a parameter the framework cannot describe itself (a member
/// of an <c>[AsParameters]</c> record, whose attributes the OpenAPI generator does not take).
/// </summary>
public sealed record QueryParameterMetadata(string Name, string Description, int MaxLength);

/// <summary>A response header an endpoint sends with one status.</summary>
public sealed record ResponseHeaderMetadata(int Status, string Name, string Description);

/// <summary>The endpoint takes no body or an empty one as well as its JSON body (the body is optional).</summary>
public sealed record OptionalBodyMetadata;

/// <summary>The 200 answer also comes as <c>text/csv</c> (<c>format=csv</c> or <c>Accept: text/csv</c>), beside its JSON.</summary>
public sealed record CsvAnswerMetadata;

/// <summary>An example of the endpoint's JSON body.</summary>
public sealed record RequestExampleMetadata(JsonNode Example);

/// <summary>
/// What endpoints declare for their OpenAPI documents beyond what the framework infers: the problem codes
/// of each status (on the shared <c>Problem</c> schema), the headers they read and send, an optional body.
/// The answers every operation shares (400, 401, 403, 413, 500, 503) are added by
/// <see cref="ContractOperationTransformer"/>.
/// </summary>
public static class ContractEndpointExtensions
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Documents a problem answer: its status and every <c>code</c> it may carry.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, int status, params string[] codes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]),
            new ProblemCodesMetadata(status, codes));
        return builder;
    }

    /// <summary>The <c>Idempotency-Key</c> header: required; the same key with the same body replays the first answer.</summary>
    public static TBuilder WithIdempotencyKey<TBuilder>(this TBuilder builder, int maxLength) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(
            new RequestHeaderMetadata(
                IdempotencyKeyHeader,
                Required: true,
                $"A key the client makes for this request (a UUID is a good choice), 1–{maxLength} characters. Sending the same key with the same body " +
                "again answers 200 with the first result and `Idempotent-Replayed: true`; the same key with another body is 409 `idempotency_key_reused`.",
                MaxLength: maxLength),
            new ResponseHeaderMetadata(StatusCodes.Status200OK, "Idempotent-Replayed", "`true` when this answer replays an earlier request with the same key."));
        return builder;
    }

    /// <summary>A request header the endpoint reads.</summary>
    public static TBuilder WithRequestHeader<TBuilder>(this TBuilder builder, string name, bool required, string description, int maxLength = 200)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new RequestHeaderMetadata(name, required, description, maxLength));
        return builder;
    }

    /// <summary>Describes a query parameter of the endpoint and bounds its length (see <see cref="QueryParameterMetadata"/>).</summary>
    public static TBuilder WithQueryParameter<TBuilder>(this TBuilder builder, string name, string description, int maxLength)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new QueryParameterMetadata(name, description, maxLength));
        return builder;
    }

    /// <summary>A response header the endpoint sends with <paramref name="status"/>.</summary>
    public static TBuilder WithResponseHeader<TBuilder>(this TBuilder builder, int status, string name, string description)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new ResponseHeaderMetadata(status, name, description));
        return builder;
    }

    /// <summary>An example body (JSON) for the document; the lint checks it against the body's schema.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, [StringSyntax(StringSyntaxAttribute.Json)] string json)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new RequestExampleMetadata(JsonNode.Parse(json) ?? throw new ArgumentException("An example is a JSON value.", nameof(json))));
        return builder;
    }

    /// <summary>The body may be left out (the endpoint reads no body as an empty one).</summary>
    public static TBuilder WithOptionalBody<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new OptionalBodyMetadata());
        return builder;
    }
}

/// <summary>
/// A caller-chosen id (<see cref="Requests.Identifier"/>): the OpenAPI schema gets its pattern and length.
/// Route and query parameters named <c>…Id</c> get it without the attribute (the request guard checks
/// them centrally); ids inside bodies carry it where their service validates them with the grammar.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class IdentifierAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is null || Identifier.IsValid(value as string);
}
