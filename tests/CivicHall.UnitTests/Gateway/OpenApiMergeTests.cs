using System.Text.Json.Nodes;
using CivicHall.Gateway.Docs;

namespace CivicHall.UnitTests.Gateway;

public sealed class OpenApiMergeTests
{
    private static JsonObject Document(string title, string path, string schemaName, JsonObject schema, string tag) => new()
    {
        ["openapi"] = "3.1.1",
        ["info"] = new JsonObject { ["title"] = title, ["version"] = "v1", ["description"] = $"{title} first paragraph.\n\nShared rules." },
        ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
        ["paths"] = new JsonObject
        {
            [path] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["operationId"] = "Get" + title,
                    ["tags"] = new JsonArray(tag),
                    ["responses"] = new JsonObject
                    {
                        ["200"] = new JsonObject
                        {
                            ["content"] = new JsonObject
                            {
                                ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } },
                            },
                        },
                    },
                },
            },
        },
        ["components"] = new JsonObject
        {
            ["schemas"] = new JsonObject
            {
                [schemaName] = schema,
                ["Problem"] = new JsonObject { ["type"] = "object" },
            },
            ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } },
        },
        ["tags"] = new JsonArray(new JsonObject { ["name"] = tag, ["description"] = tag + " things" }),
        ["x-problem-codes"] = new JsonObject { [title.ToLowerInvariant() + "_code"] = new JsonObject { ["zh-CN"] = "中文", ["en"] = "English" } },
    };

    [Fact]
    public void Identical_components_are_kept_once_and_different_ones_of_the_same_name_are_renamed_with_their_references()
    {
        var occupancy = Document("Occupancy", "/api/v1/halls", "HallView", new JsonObject { ["type"] = "object", ["title"] = "hall" }, "Halls");
        var booking = Document("Booking", "/api/v1/bookings", "HallView", new JsonObject { ["type"] = "object", ["title"] = "other" }, "Bookings");

        var merged = OpenApiMerge.Merge([new("occupancy", occupancy), new("booking", booking)], []);

        var schemas = merged["components"]!["schemas"]!.AsObject();
        Assert.Equal(["BookingHallView", "HallView", "Problem"], schemas.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal("hall", (string?)schemas["HallView"]!["title"]);
        Assert.Equal("other", (string?)schemas["BookingHallView"]!["title"]);
        Assert.Equal("#/components/schemas/HallView",
            (string?)merged["paths"]!["/api/v1/halls"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/BookingHallView",
            (string?)merged["paths"]!["/api/v1/bookings"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Single(merged["components"]!["securitySchemes"]!.AsObject());
        Assert.Equal(["booking_code", "occupancy_code"], merged["x-problem-codes"]!.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, merged["x-tagGroups"]!.AsArray().Count);
        Assert.Equal("Occupancy", (string?)merged["x-tagGroups"]![0]!["name"]);
        // The originals are not touched.
        Assert.Equal("#/components/schemas/HallView",
            (string?)booking["paths"]!["/api/v1/bookings"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void A_missing_service_is_named_in_the_document()
    {
        var occupancy = Document("Occupancy", "/api/v1/halls", "HallView", new JsonObject { ["type"] = "object" }, "Halls");

        var merged = OpenApiMerge.Merge([new("occupancy", occupancy)], ["booking"]);

        Assert.Equal("booking", (string?)merged[OpenApiMerge.MissingServicesExtension]![0]);
        Assert.Contains("booking did not answer", (string?)merged["info"]!["description"], StringComparison.Ordinal);
        Assert.EndsWith("Shared rules.\n\n**Incomplete**: booking did not answer when this document was made; their operations are missing.",
            (string?)merged["info"]!["description"], StringComparison.Ordinal);
    }
}
