using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CivicHall.ServiceDefaults.OpenApi;

/// <summary>
/// Says that an enum sent by name (a booking's status: <c>"checked_in"</c>) is a string: the framework lists its
/// names but gives no <c>type</c>, and generated clients then read and write it as a number.
/// </summary>
internal sealed class StringEnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Type is null && schema.Enum is { Count: > 0 } names && names.All(n => n?.GetValueKind() == JsonValueKind.String))
        {
            schema.Type = JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }
}
