using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.IntegrationTests.Halls;
using CivicHall.Messaging.Outbox;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// A policy or hours change re-plans the days already planned, by itself: bookings keep their places
/// where the new plan has room, and those it has no room for are moved (or, with nowhere to go,
/// cancelled), each with an event that tells the citizen why.
/// </summary>
public sealed class ReplanTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;
    private HttpClient _ops = null!;
    private HttpClient _citizen = null!;
    private readonly string _day = $"{BookingSetup.NextWeekday():yyyyMMdd}";

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, extraSettings: new Dictionary<string, string?> { ["Booking:Replanning:Interval"] = "00:00:01" });
        await BookingSetup.AddHallAsync(_system, "qingpu");
        _ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        _citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_ops, _citizen, _system);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task PolicyAsync(int windows) =>
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: windows, maxActive: 5), Ct)).EnsureSuccessStatusCode();

    private async Task<Guid> BookAsync(string time, int person)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId = "qingpu", itemId = "pension", slotId = $"{_day}-{time}-social", channel = "app", person = TestPeople.Person(person) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await _citizen.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("bookingId").GetGuid();
    }

    private Task<JsonElement> ReadAsync(Guid id) => _citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{id}", Ct);

    private Task<List<string>> EventsAsync(string type) =>
        _system.QueryAsync<BookingDbContext, List<string>>(CivicHallSystem.Booking, db =>
            db.Set<OutboxMessage>().Where(m => m.MessageType.EndsWith(type)).OrderBy(m => m.CreatedAt).Select(m => m.Payload).ToListAsync(Ct));

    private Task<int> TakenAsync(string time) =>
        _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
            db.SlotPlaceCounters.Where(c => c.SlotId == $"{_day}-{time}-social").SumAsync(c => c.Taken, Ct));

    [Fact]
    public async Task Fewer_windows_move_the_latest_bookings_of_a_full_slot_to_the_nearest_slot_with_room_and_tell_them()
    {
        await PolicyAsync(windows: 2); // 2 × 30 ÷ 10 = 6 places a slot
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        var bookings = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            bookings.Add(await BookAsync("0900", i));
        }

        await PolicyAsync(windows: 1); // 3 places: the last three made no longer fit

        var moved = await Eventually.UntilAsync(() => EventsAsync("BookingMoved"), events => events.Count == 3, because: "the re-planner should move three bookings");
        var movedIds = moved.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("bookingId").GetGuid()).Order().ToList();
        Assert.Equal(bookings[3..].Order(), movedIds);
        var first = JsonDocument.Parse(moved[0]).RootElement;
        Assert.Equal(($"{_day}-0900-social", $"{_day}-0930-social", "capacity_reduced"),
            (first.GetProperty("fromSlotId").GetString(), first.GetProperty("toSlotId").GetString(), first.GetProperty("reason").GetString()));

        var read = await ReadAsync(bookings[5]);
        Assert.Equal(($"{_day}-0930-social", $"{_day}-0900-social", "capacity_reduced", "confirmed"),
            (read.GetProperty("slotId").GetString(), read.GetProperty("movedFromSlotId").GetString(), read.GetProperty("moveReason").GetString(), read.GetProperty("status").GetString()));
        // Instants are UTC (API convention): 09:30 in Shanghai is 01:30Z.
        Assert.Equal(TimeSpan.Zero, read.GetProperty("startsAt").GetDateTimeOffset().Offset);
        Assert.Equal("09:30", read.GetProperty("startsAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((3, 3), (await TakenAsync("0900"), await TakenAsync("0930")));

        // A cancellation in the shrunken slot does not give back a place above its new capacity.
        (await _citizen.PostAsJsonAsync($"/api/v1/bookings/{bookings[0]}/cancel", new { }, Ct)).EnsureSuccessStatusCode();
        var free = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
            db.SlotPlaceCounters.Where(c => c.SlotId == $"{_day}-0900-social").SumAsync(c => c.Capacity - c.Taken, Ct));
        Assert.Equal(1, free);
    }

    [Fact]
    public async Task Shorter_hours_withdraw_slots_and_bookings_with_nowhere_to_go_are_cancelled_with_the_reason()
    {
        await PolicyAsync(windows: 1); // 3 places a slot
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        var early = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            early.Add(await BookAsync("0900", 10 + i));
        }

        var late = new List<Guid> { await BookAsync("1000", 20), await BookAsync("1000", 21) };

        // The hall now opens 09:00–09:30 only: 10:00 is withdrawn and 09:00 has room for one more.
        using var hallOps = _system.Client(CivicHallSystem.Occupancy, Roles.Ops);
        (await hallOps.PutAsJsonAsync("/api/v1/halls/qingpu", HallRequests.Qingpu(closes: "09:30"), Ct)).EnsureSuccessStatusCode();

        await Eventually.UntilAsync(
            async () => (await EventsAsync("BookingMoved")).Count + (await EventsAsync("BookingCancelled")).Count,
            count => count == 2,
            because: "both 10:00 bookings should be moved or cancelled");
        var moved = JsonDocument.Parse(Assert.Single(await EventsAsync("BookingMoved"))).RootElement;
        var cancelled = JsonDocument.Parse(Assert.Single(await EventsAsync("BookingCancelled"))).RootElement;
        Assert.Equal(("slot_withdrawn", $"{_day}-0900-social"), (moved.GetProperty("reason").GetString(), moved.GetProperty("toSlotId").GetString()));
        Assert.Equal("slot_withdrawn", cancelled.GetProperty("reason").GetString());
        Assert.Equal(late.Order(), new[] { moved.GetProperty("bookingId").GetGuid(), cancelled.GetProperty("bookingId").GetGuid() }.Order());
        Assert.Equal(late[1], cancelled.GetProperty("bookingId").GetGuid()); // the later booking loses

        var gone = await ReadAsync(late[1]);
        Assert.Equal(("cancelled", "slot_withdrawn"), (gone.GetProperty("status").GetString(), gone.GetProperty("cancelReason").GetString()));
        Assert.Equal((3, 0), (await TakenAsync("0900"), await TakenAsync("1000")));
        Assert.All(early, id => Assert.Equal($"{_day}-0900-social", ReadAsync(id).Result.GetProperty("slotId").GetString()));
        // The cancelled person has their active place back.
        Assert.Equal(0, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
            db.PersonActiveBookings.Where(p => p.PersonKey == db.Bookings.Where(b => b.Id == late[1]).Select(b => b.PersonKey).First()).Select(p => p.Active).FirstAsync(Ct)));
    }

    [Fact]
    public async Task A_quota_lowered_below_what_is_booked_keeps_the_bookings_and_a_cancellation_does_not_reopen_a_place()
    {
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 2, dailyQuota: 4, maxActive: 5), Ct)).EnsureSuccessStatusCode();
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        var bookings = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            bookings.Add(await BookAsync("0900", 30 + i));
        }

        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 2, dailyQuota: 2, maxActive: 5), Ct)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(
            () => _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
                db.PlannedDays.Where(d => d.HallId == "qingpu" && d.Date == BookingSetup.NextWeekday()).Select(d => d.DailyQuota).FirstAsync(Ct)),
            quota => quota == 2,
            because: "the day should be re-planned with the lower quota");
        Assert.Empty(await EventsAsync("BookingMoved")); // the slots did not shrink: nobody moves

        (await _citizen.PostAsJsonAsync($"/api/v1/bookings/{bookings[0]}/cancel", new { }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(0, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.DayQuotaCounters.SumAsync(c => c.Capacity - c.Taken, Ct)));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId = "qingpu", itemId = "pension", slotId = $"{_day}-0930-social", channel = "app", person = TestPeople.Person(39) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var refused = await _citizen.SendAsync(request, Ct);
        Assert.Equal((HttpStatusCode.Conflict, "quota_reached"),
            (refused.StatusCode, (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_re_plan_in_the_middle_of_a_booking_burst_leaves_no_slot_and_no_day_beyond_the_plan()
    {
        // 4 windows: 12 places a slot, a quota of 30 for the day.
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 4, dailyQuota: 30, maxActive: 5), Ct)).EnsureSuccessStatusCode();
        (await _ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        string[] times = ["0900", "0930", "1000"];

        // 90 people on three slots; halfway through, the hall drops to 2 windows (6 places a slot).
        var first = Enumerable.Range(0, 45).Select(i => TryBookAsync(times[i % 3], 100 + i)).ToList();
        var change = _ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 2, dailyQuota: 30, maxActive: 5), Ct);
        var second = Enumerable.Range(45, 45).Select(i => TryBookAsync(times[i % 3], 100 + i)).ToList();
        var answers = await Task.WhenAll(first.Concat(second));
        (await change).EnsureSuccessStatusCode();
        Assert.All(answers, status => Assert.Contains(status, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));

        var date = BookingSetup.NextWeekday();
        var violations = await Eventually.UntilAsync(
            () => _system.QueryAsync<BookingDbContext, List<string>>(CivicHallSystem.Booking, async db =>
            {
                var found = new List<string>();
                var slots = await db.Slots.Where(s => s.HallId == "qingpu" && s.Date == date).ToListAsync(Ct);
                var counters = await db.SlotPlaceCounters.Where(c => c.HallId == "qingpu").ToListAsync(Ct);
                var holding = await db.Bookings
                    .Where(b => b.HallId == "qingpu" && b.Date == date && b.PlaceStripe != null && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn))
                    .ToListAsync(Ct);
                foreach (var slot in slots)
                {
                    var mine = counters.Where(c => c.SlotId == slot.SlotId).ToList();
                    var (taken, places, held) = (mine.Sum(c => c.Taken), mine.Sum(c => c.Capacity), holding.Count(b => b.SlotId == slot.SlotId));
                    if (held != taken || taken > slot.Capacity || places != slot.Capacity)
                    {
                        found.Add($"{slot.SlotId}: capacity {slot.Capacity}, places {places}, taken {taken}, bookings {held}");
                    }
                }

                var day = await db.DayQuotaCounters.Where(c => c.HallId == "qingpu" && c.Date == date).ToListAsync(Ct);
                var quotaHeld = holding.Count(b => b.QuotaStripe != null);
                if (quotaHeld != day.Sum(c => c.Taken) || day.Sum(c => c.Taken) > 30 || day.Sum(c => c.Capacity) != 30)
                {
                    found.Add($"day: quota 30, places {day.Sum(c => c.Capacity)}, taken {day.Sum(c => c.Taken)}, bookings {quotaHeld}");
                }

                return found;
            }),
            found => found.Count == 0,
            because: "once re-planned, every slot and the day hold exactly what their bookings took, within the plan");
        Assert.Empty(violations);

        // Nothing confirmed was lost on the way: every 201 is a booking, still active (moved or not) or cancelled with the reason.
        var stored = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Bookings.CountAsync(b => b.HallId == "qingpu", Ct));
        Assert.Equal(answers.Count(a => a == HttpStatusCode.Created), stored);
        Assert.InRange(stored, 18, 30);
    }

    private async Task<HttpStatusCode> TryBookAsync(string time, int person)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId = "qingpu", itemId = "pension", slotId = $"{_day}-{time}-social", channel = "app", person = TestPeople.Person(person) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await _citizen.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
