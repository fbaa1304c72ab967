using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CivicHall.ServiceDefaults.OpenApi;

/// <summary>What a service's OpenAPI document says of the service as a whole.</summary>
/// <param name="Service">The document's name at the gateway: <c>/openapi/{Service}.json</c>.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Description">What the service does, for integrators (Markdown).</param>
/// <param name="Tags">A description for each tag the service's endpoints use.</param>
public sealed record ApiContract(string Service, string Title, string Description, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// The one OpenAPI setup of every service (issue 15): the documents integrators generate clients from.
/// A service calls <c>builder.Services.AddOpenApi(options => options.UseCivicHallContract(contract))</c>
/// itself — in its own project, so that the framework's XML-comment generator, which intercepts that call,
/// brings the service's doc comments — and <see cref="MapCivicHallOpenApi"/>.
/// </summary>
public static class OpenApiSetup
{
    /// <summary>The configuration key of the public base address clients call (the gateway); default <c>/</c>.</summary>
    public const string ServerUrlKey = "OpenApi:ServerUrl";

    /// <summary>Where each service serves its document; the gateway publishes it as <c>/openapi/{service}.json</c>.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    public static OpenApiOptions UseCivicHallContract(this OpenApiOptions options, ApiContract contract)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contract);
        options.AddSchemaTransformer(new ContractSchemaTransformer());
        options.AddSchemaTransformer(new StringEnumSchemaTransformer());
        options.AddOperationTransformer(new ContractOperationTransformer());
        options.AddDocumentTransformer(new ContractDocumentTransformer(contract));
        return options;
    }

    /// <summary>
    /// Numbers are numbers: the web defaults also read numbers from JSON strings, which the documents then
    /// describe as <c>integer|string</c>; CivicHall reads and writes them as JSON numbers only.
    /// </summary>
    public static TBuilder AddStrictJsonNumbers<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        return builder;
    }

    /// <summary>The service's document at <see cref="DocumentPath"/>, anonymous.</summary>
    public static IEndpointConventionBuilder MapCivicHallOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapOpenApi(DocumentPath).AllowAnonymous();
    }
}
