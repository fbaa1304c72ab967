using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivicHall.Booking.Data;
using CivicHall.IntegrationTests.Infrastructure;
using CivicHall.Messaging.Outbox;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>Booking rules against the real service, database and broker.</summary>
public sealed class BookingTests(TestInfrastructure infrastructure) : IAsyncLifetime
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
    }

    public async ValueTask DisposeAsync()
    {
        _ops.Dispose();
        _citizen.Dispose();
        await _system.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> SetUpAsync(object policy, object? item = null)
    {
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", policy, Ct)).EnsureSuccessStatusCode();
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", item ?? BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        var slots = await _citizen.GetFromJsonAsync<JsonElement>($"/api/v1/halls/qingpu/slots?date={BookingSetup.NextWeekday():yyyy-MM-dd}", Ct);
        return slots.GetProperty("slots")[0].GetProperty("slotId").GetString()!;
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, string slotId, int person, string? key = null, string channel = "app", object? extra = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(extra ?? new { hallId = "qingpu", itemId = "pension", slotId, channel, person = TestPeople.Person(person) }),
        };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return client.SendAsync(request, Ct);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task A_booking_is_confirmed_masked_and_announced_and_its_idempotency_key_replays_it()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy());
        var created = await BookAsync(_citizen, slotId, 1, key: "k-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var booking = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = booking.GetProperty("bookingId").GetGuid();
        Assert.Equal("confirmed", booking.GetProperty("status").GetString());
        Assert.Equal("310***********" + TestPeople.IdNumber(1)[^4..], booking.GetProperty("person").GetProperty("idNumber").GetString());
        Assert.Equal("测**", booking.GetProperty("person").GetProperty("name").GetString());

        var replay = await BookAsync(_citizen, slotId, 1, key: "k-1");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(id, (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid());

        var reused = await BookAsync(_citizen, slotId, 2, key: "k-1");
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", await CodeAsync(reused));

        var read = await _citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{id}", Ct);
        Assert.Equal(slotId, read.GetProperty("slotId").GetString());
        using var stranger = _system.Client(CivicHallSystem.Booking, Roles.Portal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/bookings/{id}", Ct)).StatusCode);

        // One BookingConfirmed, published, with the person key and never the ID number.
        var events = await Eventually.UntilAsync(
            () => _system.QueryAsync<BookingDbContext, List<OutboxMessage>>(CivicHallSystem.Booking, db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct)),
            rows => rows.All(r => r.PublishedAt is not null) && rows.Count > 0);
        var confirmed = Assert.Single(events, e => e.MessageType.EndsWith("BookingConfirmed", StringComparison.Ordinal));
        Assert.StartsWith("pk_", JsonDocument.Parse(confirmed.Payload).RootElement.GetProperty("personKey").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestPeople.IdNumber(1), confirmed.Payload, StringComparison.Ordinal);
        var stored = await _system.QueryAsync<BookingDbContext, string>(CivicHallSystem.Booking, db =>
            db.Database.SqlQuery<string>($"SELECT row_to_json(b)::text AS \"Value\" FROM bookings b").SingleAsync(Ct));
        Assert.DoesNotContain(TestPeople.IdNumber(1), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_cannot_hold_more_active_bookings_than_the_policy_allows_and_a_cancellation_gives_one_back()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy(maxActive: 2));
        var first = await BookAsync(_citizen, slotId, 7);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 7)).StatusCode);
        var third = await BookAsync(_citizen, slotId, 7);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal("too_many_active_bookings", await CodeAsync(third));

        var id = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid();
        var cancelled = await _citizen.PostAsJsonAsync($"/api/v1/bookings/{id}/cancel", new { reason = "plans changed" }, Ct);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _citizen.PostAsJsonAsync($"/api/v1/bookings/{id}/cancel", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 7)).StatusCode);
    }

    [Fact]
    public async Task A_full_slot_and_a_spent_daily_quota_are_refused_with_their_own_codes()
    {
        // 1 window × 30 ÷ 10 × 1.0 = 3 places a slot; a quota of 4 for the day.
        var slotId = await SetUpAsync(BookingSetup.Policy(phaseShare: 1m, windows: 1, dailyQuota: 4));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 100 + i)).StatusCode);
        }

        var full = await BookAsync(_citizen, slotId, 103);
        Assert.Equal((HttpStatusCode.Conflict, "slot_full"), (full.StatusCode, await CodeAsync(full)));

        var second = slotId.Replace("-0900-", "-0930-", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, second, 104)).StatusCode);
        var quota = await BookAsync(_citizen, second, 105);
        Assert.Equal((HttpStatusCode.Conflict, "quota_reached"), (quota.StatusCode, await CodeAsync(quota)));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_idempotency_key_make_one_booking()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy());
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => BookAsync(_citizen, slotId, 40, key: "same-key")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {(int)r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Bookings.CountAsync(Ct)));
    }

    [Fact]
    public async Task Concurrent_bookings_of_one_person_stop_at_the_active_booking_limit()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy(maxActive: 3));
        var responses = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => BookAsync(_citizen, slotId, 41)));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(12, refused.Count);
        Assert.All(await Task.WhenAll(refused.Select(CodeAsync)), code => Assert.Equal("too_many_active_bookings", code));
    }

    [Fact]
    public async Task Concurrent_bookings_across_slots_never_pass_the_daily_quota()
    {
        // 12 places in each slot, 10 for the whole day; 40 people race over the first three slots.
        var first = await SetUpAsync(BookingSetup.Policy(phaseShare: 1m, dailyQuota: 10));
        string[] slots = [first, first.Replace("-0900-", "-0930-", StringComparison.Ordinal), first.Replace("-0900-", "-1000-", StringComparison.Ordinal)];
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => BookAsync(_citizen, slots[i % 3], 300 + i)));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var codes = await Task.WhenAll(responses.Where(r => r.StatusCode != HttpStatusCode.Created).Select(CodeAsync));
        Assert.All(codes, code => Assert.Equal("quota_reached", code));
        Assert.Equal(10, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.DayQuotaCounters.SumAsync(c => c.Taken, Ct)));
    }

    [Fact]
    public async Task Cancelling_frees_the_place_and_the_quota_for_someone_else_and_is_announced()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy(phaseShare: 1m, windows: 1, dailyQuota: 3)); // 3 places, quota 3
        var first = await BookAsync(_citizen, slotId, 50);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 51)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 52)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await BookAsync(_citizen, slotId, 53)).StatusCode);

        var id = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid();
        (await _citizen.PostAsJsonAsync($"/api/v1/bookings/{id}/cancel", new { reason = "ill" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 53)).StatusCode);

        var cancelled = await _system.QueryAsync<BookingDbContext, List<string>>(CivicHallSystem.Booking, db =>
            db.Set<OutboxMessage>().Where(m => m.MessageType.EndsWith("BookingCancelled")).Select(m => m.Payload).ToListAsync(Ct));
        var payload = JsonDocument.Parse(Assert.Single(cancelled)).RootElement;
        Assert.Equal((id, "ill"), (payload.GetProperty("bookingId").GetGuid(), payload.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task An_online_capable_item_answers_with_its_online_route_first_and_books_when_the_citizen_confirms()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy(), BookingSetup.Item(online: true));
        var body = new { hallId = "qingpu", itemId = "pension", slotId, channel = "app", person = TestPeople.Person(9) };
        var first = await BookAsync(_citizen, slotId, 9, extra: body);
        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        var problem = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("online_route_available", problem.GetProperty("code").GetString());
        Assert.Equal("https://zwdt.sh.gov.cn/item/pension", problem.GetProperty("onlineRoute").GetString());

        var confirmed = await BookAsync(_citizen, slotId, 9, extra: new { hallId = "qingpu", itemId = "pension", slotId, channel = "app", person = TestPeople.Person(9), confirmOnSite = true });
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
    }

    [Fact]
    public async Task The_green_channel_books_a_duty_leaders_case_outside_places_and_quota_up_to_its_daily_limit()
    {
        // 3 places a slot, a quota of 3, two green-channel bookings a day.
        var slotId = await SetUpAsync(BookingSetup.Policy(phaseShare: 1m, windows: 1, dailyQuota: 3));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 200 + i)).StatusCode);
        }

        using var leader = _system.Client(CivicHallSystem.Booking, Roles.DutyLeader);
        object Green(int person, string? reason = "重点项目企业开办") =>
            new { hallId = "qingpu", itemId = "pension", slotId, channel = "phone", person = TestPeople.Person(person), greenChannel = new { reason } };

        var first = await BookAsync(leader, slotId, 210, extra: Green(210));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var booking = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("green_channel", "重点项目企业开办"), (booking.GetProperty("kind").GetString(), booking.GetProperty("greenChannelReason").GetString()));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(leader, slotId, 211, extra: Green(211))).StatusCode);
        var third = await BookAsync(leader, slotId, 212, extra: Green(212));
        Assert.Equal((HttpStatusCode.Conflict, "green_channel_exhausted"), (third.StatusCode, await CodeAsync(third)));

        Assert.Equal(HttpStatusCode.BadRequest, (await BookAsync(leader, slotId, 213, extra: Green(213, reason: null))).StatusCode);
        var citizenTry = await BookAsync(_citizen, slotId, 214, extra: new { hallId = "qingpu", itemId = "pension", slotId, channel = "app", person = TestPeople.Person(214), greenChannel = new { reason = "please" } });
        Assert.Equal(HttpStatusCode.BadRequest, citizenTry.StatusCode);

        var audit = await _system.QueryAsync<BookingDbContext, List<string?>>(CivicHallSystem.Booking, db =>
            db.Bookings.Where(b => b.Kind == "green_channel").Select(b => b.GreenChannelApprovedBy).ToListAsync(Ct));
        Assert.Equal(["test-duty_leader", "test-duty_leader"], audit);
        var seats = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.SlotPlaceCounters.Where(c => c.SlotId == slotId).SumAsync(c => c.Taken, Ct));
        Assert.Equal(3, seats); // the green channel took no place of the slot
    }

    [Fact]
    public async Task Off_peak_suggestions_offer_the_least_booked_slots_first()
    {
        var first = await SetUpAsync(BookingSetup.Policy());
        var second = first.Replace("-0900-", "-0930-", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, first, 21)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, first, 22)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, second, 23)).StatusCode);

        var path = $"/api/v1/halls/qingpu/slots/suggestions?date={BookingSetup.NextWeekday():yyyy-MM-dd}&itemId=pension";
        var top = await _citizen.GetFromJsonAsync<JsonElement[]>(path, Ct);
        Assert.Equal(["1000", "1030", "1100"], top!.Select(s => s.GetProperty("slotId").GetString()![9..13]));

        var all = (await _citizen.GetFromJsonAsync<JsonElement[]>(path + "&count=20", Ct))!.Select(s => s.GetProperty("slotId").GetString()).ToList();
        Assert.Equal(16, all.Count);
        Assert.Equal([second, first], all[^2..]);
        Assert.Equal(HttpStatusCode.BadRequest, (await _citizen.GetAsync(path + "&count=0", Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_bookings_are_refused_with_clear_problems()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy());
        var noKey = await _citizen.PostAsJsonAsync("/api/v1/bookings", new { hallId = "qingpu", itemId = "pension", slotId, channel = "app", person = TestPeople.Person(1) }, Ct);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (noKey.StatusCode, await CodeAsync(noKey)));

        var badId = await BookAsync(_citizen, slotId, 1, extra: new { hallId = "qingpu", itemId = "pension", slotId, channel = "app", person = new { idNumber = "310101198001011230", name = "张三" } });
        var errors = (await badId.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("person.idNumber", out _));

        var wrongChannel = await BookAsync(_citizen, slotId, 1, channel: "phone");
        Assert.Equal(HttpStatusCode.BadRequest, wrongChannel.StatusCode);

        var unknownSlot = await BookAsync(_citizen, slotId.Replace("0900", "0915", StringComparison.Ordinal), 1);
        Assert.Equal((HttpStatusCode.NotFound, "slot_unknown"), (unknownSlot.StatusCode, await CodeAsync(unknownSlot)));

        var far = $"{BookingSetup.Today.AddDays(30):yyyyMMdd}-0900-social";
        var outside = await BookAsync(_citizen, far, 1);
        Assert.Equal(((HttpStatusCode)422, "outside_horizon"), (outside.StatusCode, await CodeAsync(outside)));

        using var screener = _system.Client(CivicHallSystem.Booking, Roles.Screener);
        Assert.Equal(HttpStatusCode.Forbidden, (await BookAsync(screener, slotId, 1)).StatusCode);
    }
}
