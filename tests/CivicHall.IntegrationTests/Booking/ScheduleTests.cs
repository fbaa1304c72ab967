using CivicHall.Booking.Data;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>Service items, the versioned booking policy and the slots planned from them and the hall's hours.</summary>
public sealed class ScheduleTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await BookingSetup.StartWithHallAsync(infrastructure, "qingpu");

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Slots_follow_the_policy_and_items_and_a_new_version_replans_without_touching_taken_places()
    {
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        Assert.Equal(HttpStatusCode.Created, (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).StatusCode);
        var day = BookingSetup.NextWeekday();

        var slots = await SlotsAsync(citizen, day);
        Assert.Equal(16, slots.GetProperty("slots").GetArrayLength()); // 09:00–17:00 in 30 min
        var first = slots.GetProperty("slots")[0];
        Assert.Equal($"{day:yyyyMMdd}-0900-social", first.GetProperty("slotId").GetString());
        Assert.Equal(7, first.GetProperty("capacity").GetInt32()); // 4 × 30 ÷ 10 × 0.6
        Assert.Equal(7, first.GetProperty("remaining").GetInt32());
        Assert.Equal(DateTimeOffset.Parse($"{day:yyyy-MM-dd}T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("startsAt").GetDateTimeOffset());
        Assert.EndsWith("+00:00", first.GetProperty("startsAt").GetString(), StringComparison.Ordinal); // an instant, in UTC (API convention)
        Assert.Equal($"{day:yyyy-MM-dd}T01:30:00+00:00", first.GetProperty("endsAt").GetString()); // 09:30 in Shanghai

        // Three places of the first slot are taken (as bookings would take them).
        var slotId = first.GetProperty("slotId").GetString()!;
        await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Database.ExecuteSqlAsync(
            $"SELECT booking_take_place('qingpu', {slotId}, false) FROM generate_series(1, 3)"));

        // Phase two of reopening: 100 %.
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m), Ct)).EnsureSuccessStatusCode();
        first = (await SlotsAsync(citizen, day)).GetProperty("slots")[0];
        Assert.Equal((12, 3, 9), (first.GetProperty("capacity").GetInt32(), first.GetProperty("booked").GetInt32(), first.GetProperty("remaining").GetInt32()));

        // Cut back to 20 %: the three bookings keep their places, nothing more can be booked there.
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 0.2m), Ct)).EnsureSuccessStatusCode();
        var cut = (await SlotsAsync(citizen, day)).GetProperty("slots");
        Assert.Equal((2, 3, 0), (cut[0].GetProperty("capacity").GetInt32(), cut[0].GetProperty("booked").GetInt32(), cut[0].GetProperty("remaining").GetInt32()));
        Assert.Equal(2, cut[1].GetProperty("remaining").GetInt32());
        var places = await _system.QueryAsync<BookingDbContext, (int, int)>(CivicHallSystem.Booking, async db => (
            await db.SlotPlaceCounters.Where(c => c.HallId == "qingpu" && c.SlotId == slotId).SumAsync(c => c.Capacity, Ct),
            await db.SlotPlaceCounters.Where(c => c.HallId == "qingpu" && c.SlotId == slotId).SumAsync(c => c.Taken, Ct)));
        Assert.Equal((3, 3), places); // no place beyond the three taken

        // A longer item at the same windows lowers every slot of the group (4 × 30 ÷ 20 × 0.2 = 1.2).
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/retirement", BookingSetup.Item("退休审批", minutes: 20), Ct)).EnsureSuccessStatusCode();
        Assert.Equal(1, (await SlotsAsync(citizen, day)).GetProperty("slots")[1].GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task The_daily_quota_caps_what_the_slots_offer_and_the_walk_in_reserve_is_kept_from_online_channels()
    {
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, dailyQuota: 5, walkInReserveShare: 0.25m), Ct)).EnsureSuccessStatusCode();

        var day = await SlotsAsync(ops, BookingSetup.NextWeekday());
        Assert.Equal(5, day.GetProperty("quotaRemaining").GetInt32());
        var first = day.GetProperty("slots")[0];
        Assert.Equal(12, first.GetProperty("capacity").GetInt32());
        Assert.Equal(5, first.GetProperty("remaining").GetInt32()); // the quota, not the slot, is the limit
        var reserved = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
            db.SlotPlaceCounters.Where(c => c.HallId == "qingpu" && c.SlotId == first.GetProperty("slotId").GetString() && c.Reserved).SumAsync(c => c.Capacity, Ct));
        Assert.Equal(3, reserved); // 25 % of 12
    }

    [Fact]
    public async Task A_policy_version_takes_effect_at_its_time_and_not_before()
    {
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        var later = DateTimeOffset.UtcNow.AddDays(2);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 0.6m), Ct)).EnsureSuccessStatusCode();
        var v2 = await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, effectiveFrom: later), Ct);
        Assert.Equal(HttpStatusCode.Created, v2.StatusCode);

        var now = await ops.GetFromJsonAsync<JsonElement>("/api/v1/halls/qingpu/booking-policy", Ct);
        Assert.Equal(0.6m, now.GetProperty("current").GetProperty("phaseShare").GetDecimal());
        Assert.Equal(1m, now.GetProperty("upcoming")[0].GetProperty("phaseShare").GetDecimal());

        var then = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/halls/qingpu/booking-policy?at={Uri.EscapeDataString(later.AddMinutes(1).ToString("O"))}", Ct);
        Assert.Equal(1m, then.GetProperty("current").GetProperty("phaseShare").GetDecimal());
        Assert.Equal(0, then.GetProperty("upcoming").GetArrayLength());
    }

    [Fact]
    public async Task Bad_requests_get_problems_with_stable_codes()
    {
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);

        var invalid = await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", new
        {
            slotMinutes = 7,
            phaseShare = 1.5m,
            windowGroups = new[] { new { group = "Social!", windows = -1 } },
            effectiveFrom = DateTimeOffset.UtcNow.AddDays(-1),
        }, Ct);
        var problem = await ProblemAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "slotMinutes", "phaseShare", "windowGroups[0].group", "windowGroups[0].windows", "effectiveFrom" }, fields);

        await ProblemAsync(await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", new { name = "", minutesPerCase = 0, onlineCapable = true }, Ct), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAsync(await ops.PutAsJsonAsync("/api/v1/halls/nowhere/booking-policy", BookingSetup.Policy(), Ct), HttpStatusCode.NotFound, "hall_unknown");
        await ProblemAsync(await citizen.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(), Ct), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await citizen.GetAsync($"/api/v1/halls/qingpu/slots?date={BookingSetup.NextWeekday():yyyy-MM-dd}", Ct), HttpStatusCode.Conflict, "booking_not_configured");

        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(), Ct)).EnsureSuccessStatusCode();
        await ProblemAsync(await citizen.GetAsync($"/api/v1/halls/qingpu/slots?date={BookingSetup.Today.AddDays(30):yyyy-MM-dd}", Ct), (HttpStatusCode)422, "outside_horizon");
        await ProblemAsync(await citizen.GetAsync($"/api/v1/halls/qingpu/slots?date={BookingSetup.Today.AddDays(-1):yyyy-MM-dd}", Ct), (HttpStatusCode)422, "outside_horizon");
        await ProblemAsync(await citizen.GetAsync("/api/v1/halls/qingpu/slots", Ct), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAsync(await citizen.GetAsync("/api/v1/halls/qingpu/slots?date=tomorrow", Ct), HttpStatusCode.BadRequest, null);
        await ProblemAsync(await citizen.GetAsync($"/api/v1/halls/qingpu/slots?date={BookingSetup.NextWeekday():yyyy-MM-dd}&itemId=nothing", Ct), HttpStatusCode.NotFound, "item_unknown");
    }

    private static async Task<JsonElement> SlotsAsync(HttpClient client, DateOnly day)
    {
        var response = await client.GetAsync($"/api/v1/halls/qingpu/slots?date={day:yyyy-MM-dd}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        return problem;
    }
}
