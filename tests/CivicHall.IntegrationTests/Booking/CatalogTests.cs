using CivicHall.Booking.Data;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// Booking decides on a cached catalog (hall, items, policy, slots). Changes written by another replica —
/// here straight into the database, which no cache of this process hears about — must count at once.
/// </summary>
public sealed class CatalogTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;
    private HttpClient _ops = null!;
    private HttpClient _citizen = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure);
        await BookingSetup.AddHallAsync(_system, "qingpu");
        _ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        _citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(maxActive: 3), Ct)).EnsureSuccessStatusCode();
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_ops, _citizen, _system);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string SlotId => $"{BookingSetup.NextWeekday():yyyyMMdd}-0900-social";

    private async Task<(HttpStatusCode Status, string? Code)> BookAsync(int person)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId = "qingpu", itemId = "pension", slotId = SlotId, channel = "app", person = TestPeople.Person(person) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await _citizen.SendAsync(request, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    private Task<int> ElsewhereAsync(FormattableString sql) =>
        _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Database.ExecuteSqlAsync(sql, Ct));

    [Fact]
    public async Task A_stricter_policy_written_by_another_replica_applies_to_the_next_booking()
    {
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(1)).Status); // the catalog is now cached with at most 3 active
        await ElsewhereAsync($"""
            INSERT INTO booking_policies (hall_id, version, effective_from, slot_minutes, window_groups, phase_share, daily_quota, horizon_days,
                max_active_bookings_per_person, check_in_early_minutes, check_in_late_minutes, walk_in_reserve_share, green_channel_daily_limit,
                created_at, created_by)
            SELECT hall_id, version + 1, clock_timestamp(), slot_minutes, window_groups, phase_share, daily_quota, horizon_days,
                1, check_in_early_minutes, check_in_late_minutes, walk_in_reserve_share, green_channel_daily_limit, now(), 'replica-b'
            FROM booking_policies WHERE hall_id = 'qingpu' ORDER BY version DESC LIMIT 1
            """);

        Assert.Equal((HttpStatusCode.Conflict, "too_many_active_bookings"), await BookAsync(1));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(2)).Status);
    }

    [Fact]
    public async Task A_hall_suspended_or_an_item_withdrawn_elsewhere_is_refused_and_reopening_is_seen_too()
    {
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(1)).Status);

        await ElsewhereAsync($"UPDATE service_items SET active = false WHERE hall_id = 'qingpu' AND item_id = 'pension'");
        Assert.Equal((HttpStatusCode.NotFound, "item_unknown"), await BookAsync(2));

        await ElsewhereAsync($"UPDATE service_items SET active = true WHERE hall_id = 'qingpu' AND item_id = 'pension'");
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(3)).Status);

        await ElsewhereAsync($"UPDATE known_halls SET on_site_state = 'suspended' WHERE hall_id = 'qingpu'");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "hall_closed"), await BookAsync(4));

        await ElsewhereAsync($"UPDATE known_halls SET on_site_state = 'open' WHERE hall_id = 'qingpu'");
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(5)).Status);
    }

    [Fact]
    public async Task Every_change_to_what_bookings_are_decided_on_moves_the_hall_catalog_version()
    {
        async Task<long> VersionAsync() => await _system.QueryAsync<BookingDbContext, long>(CivicHallSystem.Booking,
            db => db.CatalogVersions.Where(v => v.HallId == "qingpu").Select(v => v.Version).SingleAsync(Ct));

        var before = await VersionAsync();
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/passport", BookingSetup.Item("护照"), Ct)).EnsureSuccessStatusCode();
        var afterItem = await VersionAsync();
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(maxActive: 2), Ct)).EnsureSuccessStatusCode();
        var afterPolicy = await VersionAsync();
        await ElsewhereAsync($"UPDATE known_halls SET on_site_state = 'restricted' WHERE hall_id = 'qingpu'");
        var afterHall = await VersionAsync();

        Assert.True(before < afterItem && afterItem < afterPolicy && afterPolicy < afterHall, $"{before} {afterItem} {afterPolicy} {afterHall}");
    }
}
