using CivicHall.Booking.Data;
using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Halls;
using CivicHall.IntegrationTests.Screening;
using CivicHall.Occupancy.Data;
using CivicHall.Occupancy.Halls;
using CivicHall.Screening.Data;
using CivicHall.Screening.Screenings;

namespace CivicHall.IntegrationTests.BadInput;

/// <summary>
/// A NUL in a text field once answered 500 and left pooled database connections broken for the
/// next, valid, request. Through the gateway, on each service that writes text: 200 valid requests
/// interleaved with 200 carrying a control character, all at once → every valid one succeeds, every
/// bad one is 400 <c>validation_failed</c> naming the field, and nothing is stored for the bad ones.
/// </summary>
public sealed class ControlCharacterTests(GatewaySystemFixture fixture) : IClassFixture<GatewaySystemFixture>
{
    private const int Each = 200;
    private readonly CivicHallSystem _system = fixture.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readings_with_a_NUL_are_refused_while_valid_readings_around_them_all_succeed()
    {
        await BookingSetup.AddHallAsync(_system, "nul-screening");
        await ScreeningSetup.WaitUntilKnownAsync(_system, "nul-screening");
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/nul-screening/screening-policy", new { bookingRequired = false }, Ct)).EnsureSuccessStatusCode();
        using var screener = _system.Client(CivicHallSystem.Gateway, Roles.Screener);

        var results = await Interleaved(i =>
        {
            var bad = i % 2 == 1;
            // The bad readings put the character where each reaches the database in clear: text and jsonb.
            var field = (i / 2 % 3) switch { 0 => "lane", 1 => "deviceId", _ => "symptoms" };
            object? Value(string name) => !bad || name != field ? (name == "symptoms" ? Array.Empty<string>() : "lane-1")
                : name == "symptoms" ? new[] { "咳嗽\u0000" } : "x\u0000y";
            return screener.PostAsJsonAsync("/api/v1/screenings", new
            {
                hallId = "nul-screening",
                personKind = "visitor",
                person = TestPeople.Person(1000 + i),
                healthCode = "green",
                temperatureC = 36.5m,
                mask = true,
                testAt = DateTimeOffset.UtcNow.AddHours(-3),
                testResult = "negative",
                lane = Value("lane"),
                deviceId = Value("deviceId"),
                symptoms = Value("symptoms"),
            }, Ct);
        });

        await AssertOutcomes(results, HttpStatusCode.Created, field: null);
        var stored = await _system.QueryAsync<ScreeningDbContext, int>(CivicHallSystem.Screening, db => db.Screenings.CountAsync(r => r.HallId == "nul-screening", Ct));
        Assert.Equal(Each, stored);
    }

    [Fact]
    public async Task Bookings_with_a_NUL_in_the_name_are_refused_while_valid_bookings_around_them_all_succeed()
    {
        await BookingSetup.AddHallAsync(_system, "nul-booking");
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/nul-booking/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 20, dailyQuota: 5000, maxActive: 3), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/nul-booking/service-items/pension", BookingSetup.Item(minutes: 2), Ct)).EnsureSuccessStatusCode();
        var day = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/halls/nul-booking/slots?date={BookingSetup.NextWeekday():yyyy-MM-dd}", Ct);
        var slotId = day.GetProperty("slots")[0].GetProperty("slotId").GetString()!;
        using var citizen = _system.Client(CivicHallSystem.Gateway, Roles.Citizen);

        var results = await Interleaved(async i =>
        {
            var bad = i % 2 == 1;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
            {
                Content = JsonContent.Create(new
                {
                    hallId = "nul-booking",
                    itemId = "pension",
                    slotId,
                    channel = "app",
                    person = new { idNumber = TestPeople.IdNumber(i), name = bad ? "测试\u0000" : "测试", phone = "13800001234" },
                }),
            };
            request.Headers.Add("Idempotency-Key", $"nul-{i}");
            return await citizen.SendAsync(request, Ct);
        });

        await AssertOutcomes(results, HttpStatusCode.Created, field: "person.name");
        var stored = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Bookings.CountAsync(b => b.HallId == "nul-booking", Ct));
        Assert.Equal(Each, stored);
    }

    [Fact]
    public async Task Halls_with_a_control_character_in_a_zone_name_are_refused_while_valid_halls_around_them_are_stored()
    {
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        var results = await Interleaved(i => ops.PutAsJsonAsync($"/api/v1/halls/h-{i}", HallRequests.Qingpu(name: i % 2 == 1 ? "大厅\u0007" : "大厅"), Ct));

        await AssertOutcomes(results, HttpStatusCode.Created, field: "name");
        var stored = await _system.QueryAsync<OccupancyDbContext, List<string>>(
            CivicHallSystem.Occupancy, db => db.Halls.Where(h => h.Id.StartsWith("h-")).Select(h => h.Id).ToListAsync(Ct));
        Assert.Equal(Each, stored.Count);
        Assert.All(stored, id => Assert.Equal(0, int.Parse(id[2..], System.Globalization.CultureInfo.InvariantCulture) % 2));
    }

    /// <summary>Even indexes are valid requests, odd ones bad; 16 in flight at a time, in index order.</summary>
    private static async Task<(int Index, HttpStatusCode Status, JsonElement Body)[]> Interleaved(Func<int, Task<HttpResponseMessage>> send)
    {
        using var gate = new SemaphoreSlim(16);
        var calls = Enumerable.Range(0, 2 * Each).Select(async i =>
        {
            await gate.WaitAsync(Ct);
            try
            {
                using var response = await send(i);
                var text = await response.Content.ReadAsStringAsync(Ct);
                var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
                return (i, response.StatusCode, body);
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(calls);
    }

    private static Task AssertOutcomes((int Index, HttpStatusCode Status, JsonElement Body)[] results, HttpStatusCode valid, string? field)
    {
        var wrong = results
            .Where(r => r.Index % 2 == 0 ? r.Status != valid : !IsValidationProblem(r.Body, field))
            .Select(r => $"#{r.Index} ({(r.Index % 2 == 0 ? "valid" : "bad")}): {(int)r.Status} {Code(r.Body)}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} unexpected answers:\n{string.Join('\n', wrong.Take(20))}");
        return Task.CompletedTask;
    }

    private static bool IsValidationProblem(JsonElement body, string? field) =>
        Code(body) == "validation_failed"
        && body.TryGetProperty("errors", out var errors)
        && (field is null ? errors.EnumerateObject().Any() : errors.TryGetProperty(field, out _));

    private static string? Code(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var code) ? code.GetString() : null;
}
