using System.Text.Json.Nodes;

namespace CivicHall.IntegrationTests.Probes;

/// <summary>
/// API convention "Unknown hall": every operation of booking, screening and occupancy that names a hall — in its
/// path, or as <c>hallId</c> in its body — answers a hall no service knows with 404 <c>hall_unknown</c> (never
/// <c>not_found</c>, an empty list or a 409), declares that answer in its OpenAPI document, and gives the detail in
/// the caller's language. Driven by the documents, so a new hall route is covered without editing this class.
/// </summary>
[Collection(ProbesRunAlone.Name)]
public sealed class HallUnknownSweepTests(ProbeSystem probe) : IClassFixture<ProbeSystem>
{
    private const string Unknown = "no-such-hall";

    private static readonly string[] Services = ["booking", "screening", "occupancy"];

    /// <summary>Operations that name a hall only in their body (the path names something else or nothing).</summary>
    private static readonly string[] BodyNamesHall =
        ["POST /api/v1/bookings", "POST /api/v1/bookings/batches", "POST /api/v1/screenings", "PUT /api/v1/staff/{staffId}/health-file"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_hall_route_answers_an_unknown_hall_with_hall_unknown()
    {
        var operations = probe.Api.Operations
            .Where(o => Services.Contains(o.Service))
            .Where(o => o.PathParameters.Any(p => p.Name == "hallId") || BodyNamesHall.Contains(o.Key))
            .Where(o => o.Key != "PUT /api/v1/halls/{hallId}") // creates the hall
            .ToList();
        Assert.True(operations.Count >= 25, $"only {operations.Count} hall operations found");

        var wrong = new List<string>();
        foreach (var operation in operations)
        {
            var body = probe.Example(operation.Key);
            if (body is JsonObject fields && fields.ContainsKey("hallId"))
            {
                fields["hallId"] = Unknown;
            }

            using var response = await probe.SendAsync(new HttpMethod(operation.Method), Url(operation), body, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()
                : null;
            if (response.StatusCode != HttpStatusCode.NotFound || code != "hall_unknown")
            {
                wrong.Add($"{operation.Key}: {(int)response.StatusCode} {code ?? ProbeSystem.Excerpt(text)}");
            }

            if (!Declares404HallUnknown(operation))
            {
                wrong.Add($"{operation.Key}: its document does not declare 404 hall_unknown");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task The_detail_of_hall_unknown_is_in_the_callers_language()
    {
        foreach (var path in new[] { $"/api/v1/halls/{Unknown}/booking-policy", $"/api/v1/halls/{Unknown}/screening-policy", $"/api/v1/halls/{Unknown}" })
        {
            var chinese = await DetailAsync(path, null);
            var english = await DetailAsync(path, "en");
            Assert.Contains($"“{Unknown}”", chinese, StringComparison.Ordinal);
            Assert.Contains("大厅", chinese, StringComparison.Ordinal);
            Assert.Matches($"^Hall '{Unknown}' ", english);
        }
    }

    private async Task<string> DetailAsync(string path, string? language)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", probe.AllRoles);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await probe.Gateway.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("hall_unknown", problem.GetProperty("code").GetString());
        return problem.GetProperty("detail").GetString()!;
    }

    private string Url(ApiOperation operation)
    {
        var path = operation.Template
            .Replace("{hallId}", Unknown, StringComparison.Ordinal)
            .Replace("{zoneId}", ProbeSystem.ZoneId, StringComparison.Ordinal)
            .Replace("{itemId}", ProbeSystem.ItemId, StringComparison.Ordinal)
            .Replace("{staffId}", ProbeSystem.Subject, StringComparison.Ordinal)
            .Replace("{admissionId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{windowId}", "social-1", StringComparison.Ordinal)
            .Replace("{callId}", "1", StringComparison.Ordinal);
        return operation.QueryParameters.Any(p => p.Name == "date") ? $"{path}?date={probe.Day:yyyy-MM-dd}" : path;
    }

    private bool Declares404HallUnknown(ApiOperation operation)
    {
        var document = probe.Api.Document(operation.Service);
        var answer = document["paths"]?[operation.Template]?[operation.Method.ToLowerInvariant()]?["responses"]?["404"];
        return answer?.ToJsonString().Contains("hall_unknown", StringComparison.Ordinal) == true;
    }
}
