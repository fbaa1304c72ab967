using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CivicHall.ServiceDefaults.Requests;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CivicHall.ServiceDefaults.OpenApi;

/// <summary>
/// Makes each schema say what the server does with the value:
/// <list type="bullet">
/// <item>strings are strings: every request string is read through <see cref="PlainTextJsonConverter"/>,
/// and a custom converter leaves the framework's schema empty (<c>{}</c>);</item>
/// <item><c>required</c> lists the properties that are always there: a nullable property is optional unless it
/// carries <see cref="RequiredAttribute"/> (request records are nullable throughout so that their services
/// answer a missing field with a 400 naming it);</item>
/// <item>the limits the services enforce, from the data-annotation attributes on the records' parameters and
/// on handler parameters: <see cref="RequiredAttribute"/>, <see cref="StringLengthAttribute"/>,
/// <see cref="MaxLengthAttribute"/>, <see cref="MinLengthAttribute"/>, <see cref="LengthAttribute"/>,
/// <see cref="RangeAttribute"/>, <see cref="RegularExpressionAttribute"/>, <see cref="AllowedValuesAttribute"/>,
/// <see cref="IdentifierAttribute"/>, <see cref="ItemsAttribute"/> and <see cref="DescriptionAttribute"/>
/// (the attributes document; each service's validation enforces);</item>
/// <item>integers name their range (the attribute's, else their type's) and formatted strings their length.</item>
/// </list>
/// </summary>
internal sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var property = context.JsonPropertyInfo;
        var parameter = (context.ParameterDescription?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo;
        var clrType = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;

        if (clrType == typeof(string) && schema.Type is null && IsEmptyShape(schema))
        {
            // The PlainText converter hides the string type from the schema generator.
            schema.Type = property is not null && property.IsGetNullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        if (schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is null && context.JsonTypeInfo.ElementType == typeof(string))
        {
            // A list of strings: the converter leaves its items without a schema at all.
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
        {
            schema.Required = RequiredProperties(context.JsonTypeInfo, schema);
        }

        var attributes = AttributesOf(property, parameter);
        foreach (var attribute in attributes)
        {
            Apply(schema, attribute);
        }

        Defaults(schema);
        return Task.CompletedTask;
    }

    /// <summary>The data annotations on a property of a record (its positional parameter's too) or on a handler parameter.</summary>
    internal static List<Attribute> AttributesOf(JsonPropertyInfo? property, ParameterInfo? parameter)
    {
        var attributes = new List<Attribute>();
        if (property?.AttributeProvider is { } onProperty)
        {
            attributes.AddRange(onProperty.GetCustomAttributes(inherit: true).OfType<Attribute>());
        }

        if (property?.AssociatedParameter?.AttributeProvider is { } onParameter)
        {
            attributes.AddRange(onParameter.GetCustomAttributes(inherit: true).OfType<Attribute>());
        }

        if (parameter is not null)
        {
            attributes.AddRange(parameter.GetCustomAttributes(inherit: true).OfType<Attribute>());
        }

        return attributes;
    }

    /// <summary>Non-nullable properties and those marked <see cref="RequiredAttribute"/>.</summary>
    private static HashSet<string> RequiredProperties(JsonTypeInfo type, OpenApiSchema schema)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in type.Properties)
        {
            if (!schema.Properties!.ContainsKey(property.Name))
            {
                continue;
            }

            var nullable = property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null;
            if (!nullable || AttributesOf(property, null).OfType<RequiredAttribute>().Any())
            {
                required.Add(property.Name);
            }
        }

        return required;
    }

    private static void Apply(OpenApiSchema schema, Attribute attribute)
    {
        var isArray = schema.Type?.HasFlag(JsonSchemaType.Array) == true;
        switch (attribute)
        {
            case IdentifierAttribute:
                ApplyIdentifier(schema);
                break;
            case ItemsAttribute items when schema.Items is OpenApiSchema item:
                if (items.Identifier)
                {
                    ApplyIdentifier(item);
                }

                if (items.MaxLength > 0)
                {
                    item.MaxLength = items.MaxLength;
                }

                if (items.AllowedValues.Length > 0)
                {
                    item.Enum = [.. items.AllowedValues.Select(v => (JsonNode)JsonValue.Create(v)!)];
                }

                break;
            case StringLengthAttribute length:
                schema.MaxLength = length.MaximumLength;
                if (length.MinimumLength > 0)
                {
                    schema.MinLength = length.MinimumLength;
                }

                break;
            case LengthAttribute length when isArray:
                schema.MinItems = length.MinimumLength;
                schema.MaxItems = length.MaximumLength;
                break;
            case LengthAttribute length:
                schema.MinLength = length.MinimumLength;
                schema.MaxLength = length.MaximumLength;
                break;
            case MaxLengthAttribute max when isArray:
                schema.MaxItems = max.Length;
                break;
            case MaxLengthAttribute max:
                schema.MaxLength = max.Length;
                break;
            case MinLengthAttribute min when isArray:
                schema.MinItems = min.Length;
                break;
            case MinLengthAttribute min:
                schema.MinLength = min.Length;
                break;
            case RangeAttribute range:
                schema.Minimum = Invariant(range.Minimum);
                schema.Maximum = Invariant(range.Maximum);
                if (range.MinimumIsExclusive)
                {
                    schema.ExclusiveMinimum = schema.Minimum;
                    schema.Minimum = null;
                }

                if (range.MaximumIsExclusive)
                {
                    schema.ExclusiveMaximum = schema.Maximum;
                    schema.Maximum = null;
                }

                break;
            case RegularExpressionAttribute regex:
                schema.Pattern = regex.Pattern;
                break;
            case AllowedValuesAttribute allowed:
                var values = allowed.Values.Select(v => v is null ? null : (JsonNode?)JsonValue.Create(Invariant(v))).ToList();
                if (schema.Type?.HasFlag(JsonSchemaType.Null) == true && !values.Contains(null))
                {
                    values.Add(null);
                }

                schema.Enum = values!;
                break;
            case DescriptionAttribute description when !string.IsNullOrWhiteSpace(description.Description):
                schema.Description = description.Description;
                break;
        }
    }

    /// <summary>The id grammar of <see cref="Identifier"/>.</summary>
    internal static void ApplyIdentifier(OpenApiSchema schema)
    {
        schema.Pattern = Identifier.Pattern;
        schema.MinLength = 1;
        schema.MaxLength = Identifier.MaxLength;
    }

    /// <summary>What a type says by itself: the range of an integer type, the length of a formatted string.</summary>
    private static void Defaults(OpenApiSchema schema)
    {
        if (schema.Type?.HasFlag(JsonSchemaType.Integer) == true)
        {
            var (min, max) = schema.Format == "int64" ? (long.MinValue.ToString(CultureInfo.InvariantCulture), long.MaxValue.ToString(CultureInfo.InvariantCulture))
                : (int.MinValue.ToString(CultureInfo.InvariantCulture), int.MaxValue.ToString(CultureInfo.InvariantCulture));
            schema.Format ??= "int32";
            if (schema.Minimum is null && schema.ExclusiveMinimum is null)
            {
                schema.Minimum = min;
            }

            if (schema.Maximum is null && schema.ExclusiveMaximum is null)
            {
                schema.Maximum = max;
            }
        }

        if (schema.Type?.HasFlag(JsonSchemaType.String) == true && schema.MaxLength is null && schema.Enum is not { Count: > 0 })
        {
            schema.MaxLength = schema.Format switch
            {
                "uuid" => 36,
                "date" => 10,
                "time" => 16,
                // ISO 8601 with an offset and up to 7 fractional digits is 33 characters; the parser refuses over 42.
                "date-time" => 42,
                _ => null,
            };
        }
    }

    private static bool IsEmptyShape(OpenApiSchema schema) =>
        schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 } && schema.AllOf is not { Count: > 0 }
        && schema.Properties is not { Count: > 0 } && schema.Items is null;

    private static string? Invariant(object? value) => value switch
    {
        null => null,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>
/// Constraints of the items of an array property (the attributes of <see cref="System.ComponentModel.DataAnnotations"/>
/// apply to the array itself): their maximum length, the values they may take, or the id grammar.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class ItemsAttribute(params string[] allowedValues) : Attribute
{
    public string[] AllowedValues { get; } = allowedValues;

    public int MaxLength { get; init; }

    public bool Identifier { get; init; }
}
