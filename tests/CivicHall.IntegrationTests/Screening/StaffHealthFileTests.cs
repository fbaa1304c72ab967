using CivicHall.IntegrationTests.Halls;
using CivicHall.Screening.Data;
using CivicHall.Screening.Staff;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.IntegrationTests.Screening;

/// <summary>
/// Who may write a staff health file (一人一档) and what: duty leaders and ops keep the file and its
/// identity, the staff member adds only their own tests and symptoms, nobody else writes at all — and a
/// staff reading at the door is decided on the file of the person actually screened.
/// </summary>
public sealed class StaffHealthFileTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private CivicHallSystem _system = null!;
    private HttpClient _leader = null!;
    private HttpClient _screener = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Valid check digit, region 99 (no such province), so never a real person's number.</summary>
    private static string IdNumber(int i) => ChineseIdNumber.WithCheckDigit(string.Create(CultureInfo.InvariantCulture, $"99010119800101{i % 1000:D3}"));

    public async ValueTask InitializeAsync()
    {
        _system = await ScreeningSetup.StartWithHallAsync(infrastructure);
        using var ops = _system.Client(CivicHallSystem.Screening, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/screening-policy", new { }, Ct)).EnsureSuccessStatusCode();
        _leader = Caller("leader-1", Roles.DutyLeader);
        _screener = Caller("screener-1", Roles.Screener);
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_leader, _screener, _system);

    /// <summary>A client of screening whose token names <paramref name="subject"/> and carries <paramref name="roles"/>.</summary>
    private HttpClient Caller(string subject, params string[] roles)
    {
        var client = _system[CivicHallSystem.Screening].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(roles, subject, TimeProvider.System));
        return client;
    }

    private object NegativeTest(double hoursAgo) => new { at = _now.AddHours(-hoursAgo), kind = "nucleic", result = "negative" };

    private static object File(int person, string name, int doses = 0, object[]? tests = null, object? exemption = null) => new
    {
        hallId = "qingpu",
        person = new { idNumber = IdNumber(person), name },
        vaccinationDoses = doses,
        vaccinationExemption = exemption,
        tests = tests ?? [],
        symptoms = Array.Empty<object>(),
    };

    /// <summary>A staff member at the door: green code, no test read by the device, so the file decides.</summary>
    private static object StaffReading(int person) => new
    {
        hallId = "qingpu",
        personKind = "staff",
        person = new { idNumber = IdNumber(person), name = "职工" },
        healthCode = "green",
        temperatureC = 36.4m,
        mask = true,
    };

    private async Task<JsonElement> ScreenAsync(object reading)
    {
        var response = await _screener.PostAsJsonAsync("/api/v1/screenings", reading, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static (string? Outcome, string? Rule) Decision(JsonElement body)
    {
        var outcome = body.GetProperty("outcome").GetString();
        var decisive = body.GetProperty("findings").EnumerateArray().FirstOrDefault(f => f.GetProperty("outcome").GetString() == outcome);
        return (outcome, decisive.ValueKind == JsonValueKind.Object ? decisive.GetProperty("rule").GetString() : null);
    }

    /// <summary>The problem's <c>code</c>, or null when the answer is no problem.</summary>
    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        return body.Length > 0 && JsonDocument.Parse(body).RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("code", out var code)
            ? code.GetString()
            : null;
    }

    private Task<int> FileCountAsync() =>
        _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.StaffHealthFiles.CountAsync(Ct));

    [Fact]
    public async Task A_citizen_cannot_forge_a_health_file_that_gets_an_untested_staff_member_admitted()
    {
        // Issue 14: a citizen whose token subject is cit-1 wrote "their" staff file naming a real staff
        // member's ID number, and that staff member was then admitted without any test.
        Assert.Equal(("deny", "test.missing"), Decision(await ScreenAsync(StaffReading(1))));

        using var citizen = Caller("cit-1", Roles.Citizen);
        var forged = await citizen.PutAsJsonAsync("/api/v1/staff/cit-1/health-file", File(1, "假冒", doses: 3, tests: [NegativeTest(2)]), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("forbidden", await CodeAsync(forged));
        Assert.Equal(0, await FileCountAsync());
        Assert.Equal(("deny", "test.missing"), Decision(await ScreenAsync(StaffReading(1))));

        // Nor through the staff member's own additions, nor by reading, whatever the subject says.
        var test = await citizen.PostAsJsonAsync("/api/v1/staff/cit-1/health-file/tests", NegativeTest(2), Ct);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (test.StatusCode, await CodeAsync(test)));
        Assert.Equal(HttpStatusCode.Created, (await _leader.PutAsJsonAsync("/api/v1/staff/staff-2/health-file", File(2, "李职工"), Ct)).StatusCode);
        foreach (var role in new[] { Roles.Citizen, Roles.Agent, Roles.Portal })
        {
            using var outsider = Caller("staff-2", role);
            var own = await outsider.PostAsJsonAsync("/api/v1/staff/staff-2/health-file/tests", NegativeTest(2), Ct);
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (own.StatusCode, await CodeAsync(own)));
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync("/api/v1/staff/staff-2/health-file", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task A_staff_member_adds_their_own_tests_and_symptoms_but_never_changes_the_identity_or_the_vaccination()
    {
        using var staff = Caller("staff-3", Roles.WindowStaff);

        // No file yet: the staff member cannot open one (a duty leader binds it to the person).
        var beforeFile = await staff.PostAsJsonAsync("/api/v1/staff/staff-3/health-file/tests", NegativeTest(2), Ct);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (beforeFile.StatusCode, await CodeAsync(beforeFile)));
        var ownPut = await staff.PutAsJsonAsync("/api/v1/staff/staff-3/health-file", File(3, "张职工", doses: 3, tests: [NegativeTest(2)]), Ct);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (ownPut.StatusCode, await CodeAsync(ownPut)));
        Assert.Equal(0, await FileCountAsync());

        Assert.Equal(HttpStatusCode.Created, (await _leader.PutAsJsonAsync("/api/v1/staff/staff-3/health-file", File(3, "张职工", doses: 2), Ct)).StatusCode);
        Assert.Equal(("deny", "test.missing"), Decision(await ScreenAsync(StaffReading(3))));

        // Their own test counts at the door.
        var added = await staff.PostAsJsonAsync("/api/v1/staff/staff-3/health-file/tests", NegativeTest(2), Ct);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var file = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((1, 2, "张**"), (file.GetProperty("tests").GetArrayLength(), file.GetProperty("vaccinationDoses").GetInt32(), file.GetProperty("nameMasked").GetString()));
        Assert.Equal(("admit", null), Decision(await ScreenAsync(StaffReading(3))));

        // Sending the same test again changes nothing; the same test with another result is refused.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/v1/staff/staff-3/health-file/tests", NegativeTest(2), Ct)).StatusCode);
        var flipped = await staff.PostAsJsonAsync("/api/v1/staff/staff-3/health-file/tests", new { at = _now.AddHours(-2), kind = "nucleic", result = "positive" }, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "health_test_conflict"), (flipped.StatusCode, await CodeAsync(flipped)));

        // A test body is a test: an identity or a vaccination sent along changes nothing.
        var smuggled = await staff.PostAsJsonAsync("/api/v1/staff/staff-3/health-file/tests", new
        {
            at = _now.AddHours(-1),
            kind = "antigen",
            result = "negative",
            vaccinationDoses = 3,
            person = new { idNumber = IdNumber(4), name = "别人" },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, smuggled.StatusCode);
        var unchanged = await smuggled.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2, "张**", 2), (unchanged.GetProperty("vaccinationDoses").GetInt32(), unchanged.GetProperty("nameMasked").GetString(), unchanged.GetProperty("tests").GetArrayLength()));

        // Symptoms declared for today reach the door, and a later declaration cannot withdraw them.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/v1/staff/staff-3/health-file/symptoms", new { on = today, symptoms = new[] { "cough" } }, Ct)).StatusCode);
        var none = await staff.PostAsJsonAsync("/api/v1/staff/staff-3/health-file/symptoms", new { on = today, symptoms = Array.Empty<string>() }, Ct);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal(("isolate", "symptoms"), Decision(await ScreenAsync(StaffReading(3))));

        var read = await staff.GetFromJsonAsync<JsonElement>("/api/v1/staff/staff-3/health-file", Ct);
        Assert.Equal((2, "张**"), (read.GetProperty("vaccinationDoses").GetInt32(), read.GetProperty("nameMasked").GetString()));
        Assert.Equal(IdNumber(3)[..3] + "***********" + IdNumber(3)[^4..], read.GetProperty("idNumberMasked").GetString());
    }

    [Fact]
    public async Task A_staff_member_cannot_write_another_staff_members_file_and_a_duty_leader_can_rebind_the_identity()
    {
        Assert.Equal(HttpStatusCode.Created, (await _leader.PutAsJsonAsync("/api/v1/staff/staff-5/health-file", File(5, "赵职工"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _leader.PutAsJsonAsync("/api/v1/staff/staff-6/health-file", File(6, "钱职工"), Ct)).StatusCode);

        using var other = Caller("staff-6", Roles.Screener);
        foreach (var write in new[]
        {
            other.PostAsJsonAsync("/api/v1/staff/staff-5/health-file/tests", NegativeTest(2), Ct),
            other.PostAsJsonAsync("/api/v1/staff/staff-5/health-file/symptoms", new { on = DateOnly.FromDateTime(_now.UtcDateTime), symptoms = Array.Empty<string>() }, Ct),
            other.PutAsJsonAsync("/api/v1/staff/staff-5/health-file", File(5, "赵职工", doses: 3, tests: [NegativeTest(2)]), Ct),
            other.PutAsJsonAsync("/api/v1/staff/staff-6/health-file", File(5, "赵职工", doses: 3, tests: [NegativeTest(2)]), Ct),
        })
        {
            var response = await write;
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (response.StatusCode, await CodeAsync(response)));
        }

        Assert.Equal(("deny", "test.missing"), Decision(await ScreenAsync(StaffReading(5))));

        // One person, one file: another staff id cannot be bound to a person who has one.
        var twice = await _leader.PutAsJsonAsync("/api/v1/staff/staff-6/health-file", File(5, "赵职工"), Ct);
        Assert.Equal((HttpStatusCode.Conflict, "person_has_health_file"), (twice.StatusCode, await CodeAsync(twice)));

        // The duty leader corrects staff-6's identity (the wrong person had been entered): readings of the
        // new person now take staff-6's tests, readings of the old one no longer do.
        using var staff6 = Caller("staff-6", Roles.Screener);
        Assert.Equal(HttpStatusCode.OK, (await staff6.PostAsJsonAsync("/api/v1/staff/staff-6/health-file/tests", NegativeTest(3), Ct)).StatusCode);
        Assert.Equal(("admit", null), Decision(await ScreenAsync(StaffReading(6))));
        var rebound = await _leader.PutAsJsonAsync("/api/v1/staff/staff-6/health-file", File(7, "孙职工", tests: [NegativeTest(3)]), Ct);
        Assert.Equal(HttpStatusCode.OK, rebound.StatusCode);
        Assert.Equal("孙**", (await rebound.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("nameMasked").GetString());
        Assert.Equal(("admit", null), Decision(await ScreenAsync(StaffReading(7))));
        Assert.Equal(("deny", "test.missing"), Decision(await ScreenAsync(StaffReading(6))));
    }

    [Fact]
    public async Task A_hall_requiring_the_booster_keeps_unboosted_staff_from_their_shift_unless_a_duty_leader_recorded_an_exemption()
    {
        using var ops = _system.Client(CivicHallSystem.Screening, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/screening-policy", new
        {
            kinds = new object[]
            {
                new { kind = "visitor", testValidityHours = 48 },
                new { kind = "staff", testValidityHours = 24, boosterRequired = true, boosterDoses = 3 },
            },
        }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Created, (await _leader.PutAsJsonAsync("/api/v1/staff/staff-8/health-file", File(8, "周职工", doses: 2, tests: [NegativeTest(2)]), Ct)).StatusCode);
        var unboosted = await ScreenAsync(StaffReading(8));
        Assert.Equal(("deny", "vaccination.booster_missing"), Decision(unboosted));
        Assert.Contains("may_not_start_shift", unboosted.GetProperty("measures").EnumerateArray().Select(m => m.GetString()));

        var exempted = await _leader.PutAsJsonAsync("/api/v1/staff/staff-8/health-file", File(8, "周职工", doses: 2, tests: [NegativeTest(2)], exemption: new { reason = "接种禁忌，医院证明已核验" }), Ct);
        Assert.Equal(HttpStatusCode.OK, exempted.StatusCode);
        var exemption = (await exempted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("vaccinationExemption");
        Assert.Equal("leader-1", exemption.GetProperty("recordedBy").GetString());
        Assert.Equal(("admit", null), Decision(await ScreenAsync(StaffReading(8))));

        // The reason is health data: kept encrypted, shown to nobody through the file.
        var read = await _screener.GetStringAsync("/api/v1/staff/staff-8/health-file", Ct);
        Assert.DoesNotContain("接种禁忌", read, StringComparison.Ordinal);
        var stored = await _system.QueryAsync<ScreeningDbContext, string?>(
            CivicHallSystem.Screening, db => db.StaffHealthFiles.Where(f => f.StaffId == "staff-8").Select(f => f.VaccinationExemptionReasonEncrypted).SingleAsync(Ct));
        Assert.DoesNotContain("接种禁忌", stored, StringComparison.Ordinal);

        // Lifted again by the duty leader, the booster is required again.
        Assert.Equal(HttpStatusCode.OK, (await _leader.PutAsJsonAsync("/api/v1/staff/staff-8/health-file", File(8, "周职工", doses: 2, tests: [NegativeTest(2)]), Ct)).StatusCode);
        Assert.Equal(("deny", "vaccination.booster_missing"), Decision(await ScreenAsync(StaffReading(8))));

        Assert.Equal(HttpStatusCode.Created, (await _leader.PutAsJsonAsync("/api/v1/staff/staff-9/health-file", File(9, "吴职工", doses: 3, tests: [NegativeTest(2)]), Ct)).StatusCode);
        Assert.Equal(("admit", null), Decision(await ScreenAsync(StaffReading(9))));
    }

    [Fact]
    public async Task The_openapi_document_describes_who_may_write_what()
    {
        using var anonymous = _system[CivicHallSystem.Screening].CreateClient();
        var paths = (await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct)).GetProperty("paths");

        foreach (var (path, method, operation) in new[]
        {
            ("/api/v1/staff/{staffId}/health-file", "put", "PutStaffHealthFile"),
            ("/api/v1/staff/{staffId}/health-file/tests", "post", "AddStaffHealthTest"),
            ("/api/v1/staff/{staffId}/health-file/symptoms", "post", "DeclareStaffSymptoms"),
        })
        {
            var described = paths.GetProperty(path).GetProperty(method);
            Assert.Equal(operation, described.GetProperty("operationId").GetString());
            Assert.True(described.GetProperty("responses").TryGetProperty("403", out _), $"{operation} should document 403");
        }
    }
}
