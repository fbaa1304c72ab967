using CivicHall.Booking.Data;
using CivicHall.Messaging.Outbox;
using CivicHall.ServiceDefaults.PersonalData;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// Booking rules against the real service, database and broker. One system for the class: each test
/// books at a hall of its own, with people of its own (a person's active bookings count across halls),
/// and reads back only its own hall's rows.
/// </summary>
public sealed class BookingTests : IClassFixture<ServicesSystemFixture>, IAsyncLifetime
{
    private static int s_tests;
    private readonly CivicHallSystem _system;
    private readonly string _hall;
    private readonly int _people;
    private readonly HttpClient _ops;
    private readonly HttpClient _citizen;

    public BookingTests(ServicesSystemFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _system = fixture.System;
        var test = Interlocked.Increment(ref s_tests);
        _hall = $"booking-{test}";
        _people = test * 1000;
        _ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        _citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
    }

    public ValueTask InitializeAsync() => new(BookingSetup.AddHallAsync(_system, _hall));

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_ops, _citizen);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>This test's person <paramref name="i"/>.</summary>
    private int P(int i) => _people + i;

    private async Task<string> SetUpAsync(object policy, object? item = null)
    {
        (await _ops.PutAsJsonAsync($"/api/v1/halls/{_hall}/booking-policy", policy, Ct)).EnsureSuccessStatusCode();
        (await _ops.PutAsJsonAsync($"/api/v1/halls/{_hall}/service-items/pension", item ?? BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        var slots = await _citizen.GetFromJsonAsync<JsonElement>($"/api/v1/halls/{_hall}/slots?date={BookingSetup.NextWeekday():yyyy-MM-dd}", Ct);
        return slots.GetProperty("slots")[0].GetProperty("slotId").GetString()!;
    }

    private object Ask(string slotId, int person, string channel = "app", bool? confirmOnSite = null) =>
        new { hallId = _hall, itemId = "pension", slotId, channel, person = TestPeople.Person(P(person)), confirmOnSite };

    private Task<HttpResponseMessage> BookAsync(HttpClient client, string slotId, int person, string? key = null, string channel = "app", object? extra = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(extra ?? Ask(slotId, person, channel)) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return client.SendAsync(request, Ct);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).TryGetProperty("code", out var code) ? code.GetString() : null;

    private static async Task<(HttpStatusCode Status, string? Code, JsonElement Body)> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null, body);
    }

    /// <summary>The bookings this hall holds for this test's person <paramref name="person"/>, whatever their state.</summary>
    private Task<int> BookingsOfAsync(int person)
    {
        var key = _system[CivicHallSystem.Booking].Services.GetRequiredService<PersonalDataProtector>().PersonKey(TestPeople.IdNumber(P(person)));
        return _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Bookings.CountAsync(b => b.HallId == _hall && b.PersonKey == key, Ct));
    }

    /// <summary>What a refused booking must not have changed: bookings, places, the day's quota, idempotency keys and events of this hall.</summary>
    private Task<(int Bookings, int Places, int Quota, int Keys, int Events)> WrittenAsync() =>
        _system.QueryAsync<BookingDbContext, (int, int, int, int, int)>(CivicHallSystem.Booking, async db => (
            await db.Bookings.CountAsync(b => b.HallId == _hall, Ct),
            await db.SlotPlaceCounters.Where(c => c.HallId == _hall).SumAsync(c => c.Taken, Ct),
            await db.DayQuotaCounters.Where(c => c.HallId == _hall).SumAsync(c => c.Taken, Ct),
            await db.IdempotencyKeys.CountAsync(k => db.Bookings.Any(b => b.Id == k.BookingId && b.HallId == _hall), Ct),
            (await db.Set<OutboxMessage>().Select(m => m.Payload).ToListAsync(Ct)).Count(p => OfHall(p, _hall))));

    private static bool OfHall(string payload, string hallId) =>
        JsonDocument.Parse(payload).RootElement.TryGetProperty("hallId", out var hall) && hall.GetString() == hallId;

    [Fact]
    public async Task A_booking_is_confirmed_masked_and_announced_and_its_idempotency_key_replays_it()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy());
        var created = await BookAsync(_citizen, slotId, 1, key: $"{_hall}-k-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var booking = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = booking.GetProperty("bookingId").GetGuid();
        Assert.Equal("confirmed", booking.GetProperty("status").GetString());
        Assert.Equal(TestPeople.Region[..3] + "***********" + TestPeople.IdNumber(P(1))[^4..], booking.GetProperty("person").GetProperty("idNumber").GetString());
        Assert.Equal("测" + new string('*', $"测试{P(1)}".Length - 1), booking.GetProperty("person").GetProperty("name").GetString()); // 测试1001 → 测*****

        var replay = await BookAsync(_citizen, slotId, 1, key: $"{_hall}-k-1");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(id, (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid());

        var reused = await BookAsync(_citizen, slotId, 2, key: $"{_hall}-k-1");
        Assert.Equal((HttpStatusCode.Conflict, "idempotency_key_reused"), (reused.StatusCode, await CodeAsync(reused)));
        Assert.Equal(0, await BookingsOfAsync(2));

        var read = await _citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{id}", Ct);
        Assert.Equal(slotId, read.GetProperty("slotId").GetString());
        using var stranger = _system.Client(CivicHallSystem.Booking, Roles.Portal);
        var hidden = await ProblemAsync(await stranger.GetAsync($"/api/v1/bookings/{id}", Ct));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (hidden.Status, hidden.Code));

        // One BookingConfirmed, published, with the person key and never the ID number.
        var events = await Eventually.UntilAsync(
            async () => (await _system.QueryAsync<BookingDbContext, List<OutboxMessage>>(CivicHallSystem.Booking, db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct)))
                .Where(r => r.Payload.Contains($"\"{id}\"", StringComparison.Ordinal)).ToList(),
            rows => rows.Count > 0 && rows.All(r => r.PublishedAt is not null));
        var confirmed = Assert.Single(events, e => e.MessageType.EndsWith("BookingConfirmed", StringComparison.Ordinal));
        Assert.StartsWith("pk_", JsonDocument.Parse(confirmed.Payload).RootElement.GetProperty("personKey").GetString(), StringComparison.Ordinal);
        TestPeople.AssertNotIn(TestPeople.IdNumber(P(1)), confirmed.Payload, "the BookingConfirmed outbox row");
        var stored = await _system.QueryAsync<BookingDbContext, string>(CivicHallSystem.Booking, db =>
            db.Database.SqlQuery<string>($"SELECT row_to_json(b)::text AS \"Value\" FROM bookings b WHERE b.id = {id}").SingleAsync(Ct));
        TestPeople.AssertNotIn(TestPeople.IdNumber(P(1)), stored, "the stored booking row");
    }

    [Fact]
    public async Task A_person_cannot_hold_more_active_bookings_than_the_policy_allows_and_a_cancellation_gives_one_back()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy(maxActive: 2));
        var first = await BookAsync(_citizen, slotId, 7);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 7)).StatusCode);
        var third = await BookAsync(_citizen, slotId, 7);
        Assert.Equal((HttpStatusCode.Conflict, "too_many_active_bookings"), (third.StatusCode, await CodeAsync(third)));
        Assert.Equal(2, await BookingsOfAsync(7));

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
    public async Task A_full_slot_is_answered_before_anything_is_written()
    {
        // 3 places, a quota far from the limit.
        var slotId = await SetUpAsync(BookingSetup.Policy(phaseShare: 1m, windows: 1, dailyQuota: 100));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, i)).StatusCode);
        }

        var before = await WrittenAsync();
        Assert.Equal((3, 3, 3, 3), (before.Bookings, before.Places, before.Quota, before.Keys));

        var refused = await Task.WhenAll(Enumerable.Range(10, 10).Select(i => BookAsync(_citizen, slotId, i, key: $"{_hall}-full-{i}")));
        Assert.All(await Task.WhenAll(refused.Select(async r => (r.StatusCode, await CodeAsync(r)))), r => Assert.Equal((HttpStatusCode.Conflict, "slot_full"), r));

        // No booking, no place, no unit of quota, no idempotency key, no event, no active booking for the person.
        Assert.Equal(before, await WrittenAsync());
        var keys = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.IdempotencyKeys.CountAsync(k => k.Key.StartsWith($"{_hall}-full-"), Ct));
        Assert.Equal(0, keys);
        var protector = _system[CivicHallSystem.Booking].Services.GetRequiredService<PersonalDataProtector>();
        var refusedPeople = Enumerable.Range(10, 10).Select(i => protector.PersonKey(TestPeople.IdNumber(P(i)))).ToList();
        Assert.Equal(0, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
            db.PersonActiveBookings.Where(p => refusedPeople.Contains(p.PersonKey)).SumAsync(p => p.Active, Ct)));

        // Nothing of the refusal was kept under its key: once a place is free, the same key books.
        var first = await _system.QueryAsync<BookingDbContext, Guid>(CivicHallSystem.Booking, db => db.Bookings.Where(b => b.HallId == _hall).Select(b => b.Id).FirstAsync(Ct));
        (await _citizen.PostAsJsonAsync($"/api/v1/bookings/{first}/cancel", new { }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 10, key: $"{_hall}-full-10")).StatusCode);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_idempotency_key_make_one_booking()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy());
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => BookAsync(_citizen, slotId, 40, key: $"{_hall}-same-key")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"answered {(int)r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Bookings.CountAsync(b => b.HallId == _hall, Ct)));
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
        Assert.Equal(3, await BookingsOfAsync(41));
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
        Assert.Equal(10, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.DayQuotaCounters.Where(c => c.HallId == _hall).SumAsync(c => c.Taken, Ct)));
        Assert.Equal(10, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Bookings.CountAsync(b => b.HallId == _hall, Ct)));
    }

    [Fact]
    public async Task Cancelling_frees_the_place_and_the_quota_for_someone_else_and_is_announced()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy(phaseShare: 1m, windows: 1, dailyQuota: 3)); // 3 places, quota 3
        var first = await BookAsync(_citizen, slotId, 50);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 51)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 52)).StatusCode);
        var full = await BookAsync(_citizen, slotId, 53);
        Assert.Equal((HttpStatusCode.Conflict, "slot_full"), (full.StatusCode, await CodeAsync(full)));

        var id = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid();
        (await _citizen.PostAsJsonAsync($"/api/v1/bookings/{id}/cancel", new { reason = "ill" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, slotId, 53)).StatusCode);

        var cancelled = (await _system.QueryAsync<BookingDbContext, List<string>>(CivicHallSystem.Booking, db =>
            db.Set<OutboxMessage>().Where(m => m.MessageType.EndsWith("BookingCancelled")).Select(m => m.Payload).ToListAsync(Ct)))
            .Where(p => p.Contains($"\"{id}\"", StringComparison.Ordinal));
        var payload = JsonDocument.Parse(Assert.Single(cancelled)).RootElement;
        Assert.Equal((id, "ill"), (payload.GetProperty("bookingId").GetGuid(), payload.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task An_online_capable_item_answers_with_its_online_route_first_and_books_when_the_citizen_confirms()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy(), BookingSetup.Item(online: true));
        var first = await BookAsync(_citizen, slotId, 9);
        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        var problem = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("online_route_available", problem.GetProperty("code").GetString());
        Assert.Equal("https://zwdt.sh.gov.cn/item/pension", problem.GetProperty("onlineRoute").GetString());
        Assert.Equal(0, await BookingsOfAsync(9));

        var confirmed = await BookAsync(_citizen, slotId, 9, extra: Ask(slotId, 9, confirmOnSite: true));
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
    }

    [Fact]
    public async Task An_online_only_item_is_refused_with_its_route_even_when_the_citizen_would_come_anyway()
    {
        var item = new { name = "社保缴费证明", windowGroup = "social", minutesPerCase = 10, onlineCapable = true, onlineRoute = "https://zwdt.sh.gov.cn/item/proof", onSiteAllowed = false };
        var slotId = await SetUpAsync(BookingSetup.Policy(), item);
        foreach (var ask in new[] { Ask(slotId, 8), Ask(slotId, 8, confirmOnSite: true) })
        {
            var (status, code, body) = await ProblemAsync(await BookAsync(_citizen, slotId, 8, extra: ask));
            Assert.Equal(((HttpStatusCode)422, "online_only"), (status, code));
            Assert.Equal("https://zwdt.sh.gov.cn/item/proof", body.GetProperty("onlineRoute").GetString());
        }

        Assert.Equal(0, await BookingsOfAsync(8));
        Assert.Equal((0, 0), ((await WrittenAsync()).Places, (await WrittenAsync()).Quota));
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
            new { hallId = _hall, itemId = "pension", slotId, channel = "phone", person = TestPeople.Person(P(person)), greenChannel = new { reason } };

        var first = await BookAsync(leader, slotId, 210, extra: Green(210));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var booking = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("green_channel", "重点项目企业开办"), (booking.GetProperty("kind").GetString(), booking.GetProperty("greenChannelReason").GetString()));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(leader, slotId, 211, extra: Green(211))).StatusCode);
        var third = await BookAsync(leader, slotId, 212, extra: Green(212));
        Assert.Equal((HttpStatusCode.Conflict, "green_channel_exhausted"), (third.StatusCode, await CodeAsync(third)));

        var noReason = await ProblemAsync(await BookAsync(leader, slotId, 213, extra: Green(213, reason: null)));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (noReason.Status, noReason.Code));
        Assert.True(noReason.Body.GetProperty("errors").TryGetProperty("greenChannel.reason", out _), "the missing reason is named");
        var citizenTry = await ProblemAsync(await BookAsync(_citizen, slotId, 214, extra: new { hallId = _hall, itemId = "pension", slotId, channel = "app", person = TestPeople.Person(P(214)), greenChannel = new { reason = "please" } }));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (citizenTry.Status, citizenTry.Code));
        Assert.True(citizenTry.Body.GetProperty("errors").TryGetProperty("greenChannel", out _), "a citizen's green channel is named");
        Assert.Equal((0, 0, 0), (await BookingsOfAsync(212), await BookingsOfAsync(213), await BookingsOfAsync(214)));

        var audit = await _system.QueryAsync<BookingDbContext, List<string?>>(CivicHallSystem.Booking, db =>
            db.Bookings.Where(b => b.HallId == _hall && b.Kind == "green_channel").Select(b => b.GreenChannelApprovedBy).ToListAsync(Ct));
        Assert.Equal(["test-duty_leader", "test-duty_leader"], audit);
        var seats = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.SlotPlaceCounters.Where(c => c.HallId == _hall && c.SlotId == slotId).SumAsync(c => c.Taken, Ct));
        Assert.Equal(3, seats); // the green channel took no place of the slot
    }

    [Fact]
    public async Task Concurrent_green_channel_bookings_stop_at_the_daily_limit()
    {
        // Two a day (BookingSetup.Policy); ten duty leaders' cases at once, over two slots.
        var slotId = await SetUpAsync(BookingSetup.Policy(phaseShare: 1m, windows: 1, dailyQuota: 3));
        var later = slotId.Replace("-0900-", "-0930-", StringComparison.Ordinal);
        using var leader = _system.Client(CivicHallSystem.Booking, Roles.DutyLeader);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var slot = i % 2 == 0 ? slotId : later;
            using var response = await BookAsync(leader, slot, 400 + i, extra: new
            {
                hallId = _hall,
                itemId = "pension",
                slotId = slot,
                channel = "phone",
                person = TestPeople.Person(P(400 + i)),
                greenChannel = new { reason = "重点项目企业开办" },
            });
            return (response.StatusCode, await CodeAsync(response));
        }));

        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal((HttpStatusCode.Conflict, "green_channel_exhausted"), a));
        var (green, used, places) = await _system.QueryAsync<BookingDbContext, (int, int, int)>(CivicHallSystem.Booking, async db => (
            await db.Bookings.CountAsync(b => b.HallId == _hall && b.Kind == "green_channel", Ct),
            await db.GreenChannelUsage.Where(u => u.HallId == _hall).SumAsync(u => u.Used, Ct),
            await db.SlotPlaceCounters.Where(c => c.HallId == _hall).SumAsync(c => c.Taken, Ct)));
        Assert.Equal((2, 2, 0), (green, used, places));
    }

    [Fact]
    public async Task Off_peak_suggestions_offer_the_least_booked_slots_first()
    {
        var first = await SetUpAsync(BookingSetup.Policy());
        var second = first.Replace("-0900-", "-0930-", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, first, 21)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, first, 22)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(_citizen, second, 23)).StatusCode);

        var path = $"/api/v1/halls/{_hall}/slots/suggestions?date={BookingSetup.NextWeekday():yyyy-MM-dd}&itemId=pension";
        var top = await _citizen.GetFromJsonAsync<JsonElement[]>(path, Ct);
        Assert.Equal(["1000", "1030", "1100"], top!.Select(s => s.GetProperty("slotId").GetString()![9..13]));

        var all = (await _citizen.GetFromJsonAsync<JsonElement[]>(path + "&count=20", Ct))!.Select(s => s.GetProperty("slotId").GetString()).ToList();
        Assert.Equal(16, all.Count);
        Assert.Equal([second, first], all[^2..]);
        var zero = await ProblemAsync(await _citizen.GetAsync(path + "&count=0", Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (zero.Status, zero.Code));
        Assert.True(zero.Body.GetProperty("errors").TryGetProperty("count", out _), "the bad count is named");
    }

    [Fact]
    public async Task Bad_bookings_are_refused_with_clear_problems_and_store_nothing()
    {
        var slotId = await SetUpAsync(BookingSetup.Policy());
        var noKey = await ProblemAsync(await _citizen.PostAsJsonAsync("/api/v1/bookings", Ask(slotId, 1), Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (noKey.Status, noKey.Code));
        Assert.True(noKey.Body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), "the missing header is named");

        var badId = await ProblemAsync(await BookAsync(_citizen, slotId, 1, extra: new { hallId = _hall, itemId = "pension", slotId, channel = "app", person = new { idNumber = "990101198001011230", name = "张三" } }));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (badId.Status, badId.Code));
        Assert.True(badId.Body.GetProperty("errors").TryGetProperty("person.idNumber", out _), "the bad ID number is named");

        var wrongChannel = await ProblemAsync(await BookAsync(_citizen, slotId, 1, channel: "phone"));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (wrongChannel.Status, wrongChannel.Code));
        Assert.True(wrongChannel.Body.GetProperty("errors").TryGetProperty("channel", out _), "the channel is named");

        var unknownSlot = await BookAsync(_citizen, slotId.Replace("0900", "0915", StringComparison.Ordinal), 1);
        Assert.Equal((HttpStatusCode.NotFound, "slot_unknown"), (unknownSlot.StatusCode, await CodeAsync(unknownSlot)));

        var far = $"{BookingSetup.Today.AddDays(30):yyyyMMdd}-0900-social";
        var outside = await BookAsync(_citizen, far, 1);
        Assert.Equal(((HttpStatusCode)422, "outside_horizon"), (outside.StatusCode, await CodeAsync(outside)));

        using var screener = _system.Client(CivicHallSystem.Booking, Roles.Screener);
        var forbidden = await ProblemAsync(await BookAsync(screener, slotId, 1));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (forbidden.Status, forbidden.Code));

        Assert.Equal((0, 0, 0, 0, 0), await WrittenAsync());
    }
}
