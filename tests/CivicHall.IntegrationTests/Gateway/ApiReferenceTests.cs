using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// The reference integrators read at the gateway, anonymously: one merged OpenAPI document that holds every
/// operation of the five services' own and whose references all resolve, a page for every problem code (where
/// a problem's <c>type</c> points), and the browsable reference at <c>/docs</c> with its script served locally.
/// </summary>
public sealed partial class ApiReferenceTests(GatewaySystemFixture fixture) : IClassFixture<GatewaySystemFixture>
{
    private static readonly string[] Services = ["occupancy", "booking", "screening", "sanitation", "incident"];
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private readonly CivicHallSystem _system = fixture.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_merged_document_holds_every_operation_of_the_five_services_and_every_reference_resolves()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in Services)
        {
            var own = JsonNode.Parse(await anonymous.GetStringAsync($"/openapi/{service}.json", Ct))!.AsObject();
            expected.UnionWith(Operations(own).Select(o => o.Key));
        }

        var response = await anonymous.GetAsync("/openapi/civichall.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var merged = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        var operations = Operations(merged).ToList();

        Assert.True(expected.Count > 50, $"only {expected.Count} operations in the services' documents");
        Assert.Equal(expected.Order(StringComparer.Ordinal), operations.Select(o => o.Key).Order(StringComparer.Ordinal));
        var ids = operations.Select(o => (string?)o.Operation["operationId"]).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Null(merged["x-civichall-missing-services"]);

        var unresolved = References(merged).Where(r => Resolve(merged, r) is null).Distinct(StringComparer.Ordinal).ToList();
        Assert.Empty(unresolved);
        Assert.Equal(5, merged["x-tagGroups"]!.AsArray().Count);
        Assert.NotNull(merged["components"]!["securitySchemes"]!["bearer"]);
        Assert.NotNull(merged["components"]!["securitySchemes"]!["portalSignature"]);
    }

    [Fact]
    public async Task Every_problem_code_the_document_lists_has_a_page_in_both_languages()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var merged = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/civichall.json", Ct))!.AsObject();
        var codes = merged["x-problem-codes"]!.AsObject();
        Assert.Contains("hall_unknown", codes.Select(c => c.Key));
        Assert.Contains("slot_full", codes.Select(c => c.Key));

        var index = await anonymous.GetStringAsync("/docs/problems", Ct);
        foreach (var (code, titles) in codes)
        {
            Assert.Contains($"href=\"/docs/problems/{code}\"", index, StringComparison.Ordinal);
            var page = await anonymous.GetAsync($"/docs/problems/{code}", Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var text = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
            Assert.Contains((string)titles!["zh-CN"]!, text, StringComparison.Ordinal);
            Assert.Contains((string)titles["en"]!, text, StringComparison.Ordinal);
        }

        using var json = new HttpRequestMessage(HttpMethod.Get, "/docs/problems/slot_full");
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await (await anonymous.SendAsync(json, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal([409], answer.GetProperty("statuses").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Contains(answer.GetProperty("operations").EnumerateArray(), o => o.GetProperty("operationId").GetString() == "CreateBooking");
    }

    [Fact]
    public async Task A_problem_type_resolved_against_the_gateway_is_the_page_of_its_code()
    {
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        var response = await ops.GetAsync("/api/v1/halls/no-such-hall-ref/occupancy", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var code = problem.GetProperty("code").GetString();
        var type = problem.GetProperty("type").GetString()!;
        Assert.Equal($"/docs/problems/{code}", type);

        var page = await ops.GetAsync(new Uri(ops.BaseAddress!, type), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<code>{code}</code>", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_code_has_no_page_and_says_so_in_the_callers_language()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var chinese = await anonymous.GetAsync("/docs/problems/no_such_code", Ct);
        Assert.Equal(HttpStatusCode.NotFound, chinese.StatusCode);
        var zh = await chinese.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("not_found", zh.GetProperty("code").GetString());
        Assert.Contains("没有名为", zh.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/docs/problems/Not%20A%20Code");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var english = await (await anonymous.SendAsync(request, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.StartsWith("There is no problem code", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browsable_reference_at_docs_loads_the_merged_document_with_a_script_served_by_the_gateway()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        var response = await anonymous.GetAsync("/docs", Ct);
        if (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect or HttpStatusCode.Found)
        {
            response = await anonymous.GetAsync(response.Headers.Location!, Ct);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("openapi/civichall.json", html, StringComparison.Ordinal);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var source = new Uri(response.RequestMessage!.RequestUri!, script);
            Assert.Equal(anonymous.BaseAddress!.Authority, source.Authority);
            var asset = await anonymous.GetAsync(source, Ct);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        }
    }

    private static IEnumerable<(string Key, JsonObject Operation)> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item?[method] is JsonObject operation)
                {
                    yield return ($"{method.ToUpperInvariant()} {path}", operation);
                }
            }
        }
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => (obj["$ref"] is JsonValue value && value.TryGetValue<string>(out var reference) ? [reference] : Array.Empty<string>())
            .Concat(obj.SelectMany(p => References(p.Value))),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };

    private static JsonNode? Resolve(JsonObject document, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? node = document;
        foreach (var part in reference[2..].Split('/'))
        {
            node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node;
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
