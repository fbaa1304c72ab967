using CivicHall.IntegrationTests.Halls;
using CivicHall.Screening.Data;
using CivicHall.Screening.Policies;
using CivicHall.Screening.Screenings;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.IntegrationTests.Screening;

/// <summary>
/// Whatever a client sends to screening, a malformed request is a 400 <c>validation_failed</c> naming
/// the field — never a 500 — and nothing of it is stored.
/// </summary>
public sealed class ScreeningRequestValidationTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;
    private HttpClient _ops = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Valid check digit, region 99 (no such province), so never a real person's number.</summary>
    private static string IdNumber(int i) => ChineseIdNumber.WithCheckDigit(string.Create(CultureInfo.InvariantCulture, $"99010119800101{i % 1000:D3}"));

    public async ValueTask InitializeAsync()
    {
        _system = await ScreeningSetup.StartWithHallAsync(infrastructure);
        _ops = _system.Client(CivicHallSystem.Screening, Roles.Ops, Roles.DutyLeader, Roles.Screener);
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/screening-policy", new { }, Ct)).EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_ops, _system);

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var response = await _ops.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
    }

    private static void AssertRefused((HttpStatusCode Status, JsonElement Body) answer, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("validation_failed", answer.Body.GetProperty("code").GetString());
        Assert.True(answer.Body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }

    private static string Reading(string phone, string symptoms = "[]") => $$"""
        {"hallId": "qingpu", "personKind": "visitor",
         "person": {"idNumber": "{{IdNumber(1)}}", "name": "测试", "phone": {{JsonSerializer.Serialize(phone)}}},
         "healthCode": "green", "temperatureC": 36.5, "mask": true, "symptoms": {{symptoms}}}
        """;

    private static string StaffFile(string tests = "[]", string symptoms = "[]") => $$"""
        {"hallId": "qingpu", "person": {"idNumber": "{{IdNumber(2)}}", "name": "职工"}, "vaccinationDoses": 2,
         "tests": {{tests}}, "symptoms": {{symptoms}}}
        """;

    [Fact]
    public async Task Null_elements_in_any_list_of_a_screening_request_are_refused_by_their_index()
    {
        const string Policy = "/api/v1/halls/qingpu/screening-policy";
        AssertRefused(await SendAsync(HttpMethod.Put, Policy, """{"kinds": [null]}"""), "kinds[0]");
        AssertRefused(await SendAsync(HttpMethod.Put, Policy, """{"kinds": [{"kind": "visitor", "testValidityHours": 48}, null]}"""), "kinds[1]");

        AssertRefused(await SendAsync(HttpMethod.Post, "/api/v1/screenings", Reading("13800001234", """["cough", null]""")), "symptoms[1]");

        const string File = "/api/v1/staff/staff-1/health-file";
        AssertRefused(await SendAsync(HttpMethod.Put, File, StaffFile(tests: "[null]")), "tests[0]");
        AssertRefused(await SendAsync(HttpMethod.Put, File, StaffFile(symptoms: "[null]")), "symptoms[0]");
        AssertRefused(await SendAsync(HttpMethod.Put, File, StaffFile(symptoms: """[{"on": "2026-11-23", "symptoms": ["cough", null]}]""")), "symptoms[0].symptoms[1]");
        AssertRefused(await SendAsync(HttpMethod.Put, File, StaffFile(tests: """[{"kind": "nucleic", "result": "negative"}]""")), "tests[0].at");
        AssertRefused(await SendAsync(HttpMethod.Put, File, StaffFile(symptoms: """[{"symptoms": []}]""")), "symptoms[0].on");

        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Put, File, StaffFile())).Status);
        AssertRefused(await SendAsync(HttpMethod.Post, File + "/symptoms", """{"on": "2026-11-23", "symptoms": [null]}"""), "symptoms[0]");
        AssertRefused(await SendAsync(HttpMethod.Post, File + "/tests", """{"kind": "nucleic", "result": "negative"}"""), "at");

        var (policies, screenings) = await _system.QueryAsync<ScreeningDbContext, (int, int)>(
            CivicHallSystem.Screening, async db => (await db.Policies.CountAsync(Ct), await db.Screenings.CountAsync(Ct)));
        Assert.Equal((1, 0), (policies, screenings));
    }

    [Fact]
    public async Task A_phone_number_that_is_no_phone_number_is_refused_and_nothing_is_stored()
    {
        foreach (var phone in new[] { "../../etc/passwd", "13800001234; DROP TABLE", "1380000123", "+852 1234 5678", "12345" })
        {
            AssertRefused(await SendAsync(HttpMethod.Post, "/api/v1/screenings", Reading(phone)), "person.phone");
        }

        Assert.Equal(0, await _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.Screenings.CountAsync(Ct)));

        foreach (var phone in new[] { "13800001234", "021-62345678", "+86 138 0000 1234", "" })
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/v1/screenings", Reading(phone))).Status);
        }
    }
}
