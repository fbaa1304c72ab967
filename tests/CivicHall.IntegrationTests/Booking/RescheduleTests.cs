using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Screening.Data;
using CivicHall.Screening.Visits;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// <c>POST /api/v1/bookings/{id}/reschedule</c> (改约), on a booking service whose clock the test sets (08:00 on the test day).
/// The hall's social group has 50 places a slot (10 windows × 30 ÷ 6), its tax group 6; none kept for the door.
/// </summary>
public sealed class RescheduleTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private const string Hall = "reschedule";
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private static readonly DateOnly NextDay = Day.DayOfWeek == DayOfWeek.Friday ? Day.AddDays(3) : Day.AddDays(1);
    private readonly FakeTimeProvider _clock = new(At(8, 0));
    private CivicHallSystem _system = null!;
    private HttpClient _anonymous = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(int hour, int minute) =>
        new DateTimeOffset(Day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime();

    private static string Slot(string time, DateOnly? day = null, string group = "social") => $"{day ?? Day:yyyyMMdd}-{time}-{group}";

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, bookingClock: _clock);
        await BookingSetup.AddHallAsync(_system, Hall);
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        var policy = new
        {
            slotMinutes = 30,
            windowGroups = new[] { new { group = "social", windows = 10 }, new { group = "tax", windows = 2 } },
            phaseShare = 1m,
            dailyQuota = 5000,
            horizonDays = 7,
            maxActiveBookingsPerPerson = 5,
            walkInReserveShare = 0m,
        };
        var put = await ops.PutAsJsonAsync($"/api/v1/halls/{Hall}/booking-policy", policy, Ct);
        put.EnsureSuccessStatusCode();
        Assert.Equal(2, (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("maxReschedules").GetInt32()); // the default
        (await ops.PutAsJsonAsync($"/api/v1/halls/{Hall}/service-items/pension", BookingSetup.Item(minutes: 6), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/v1/halls/{Hall}/service-items/tax-id", BookingSetup.Item(name: "税务登记", group: "tax"), Ct)).EnsureSuccessStatusCode();
        _anonymous = _system.Client(CivicHallSystem.Booking);
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_anonymous, _system);

    private sealed record Answer(HttpStatusCode Status, JsonElement Body, bool Replayed)
    {
        public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var c) ? c.GetString() : null;

        public string? SlotId => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("slotId", out var s) ? s.GetString() : null;
    }

    private async Task<Answer> SendAsync(string subject, string path, object? body, string? key = null, string role = Roles.Citizen)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create([role], subject, TimeProvider.System));
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        using var response = await _anonymous.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return new Answer(
            response.StatusCode,
            text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(),
            response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
    }

    private async Task<Guid> BookAsync(string subject, int person, string slotId, string item = "pension")
    {
        var booked = await SendAsync(subject, "/api/v1/bookings", new { hallId = Hall, itemId = item, slotId, channel = "app", person = TestPeople.Person(person) });
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        return booked.Body.GetProperty("bookingId").GetGuid();
    }

    private Task<Answer> RescheduleAsync(string subject, Guid bookingId, string slotId, string? key = null, string? reason = null, string role = Roles.Citizen) =>
        SendAsync(subject, $"/api/v1/bookings/{bookingId}/reschedule", new { slotId, reason }, key, role);

    [Fact]
    public async Task Two_hundred_concurrent_reschedules_into_fifty_places_on_another_day_move_exactly_fifty_and_keep_every_count()
    {
        _clock.SetUtcNow(At(8, 0));
        string[] from = [Slot("1000"), Slot("1030"), Slot("1100"), Slot("1130")];
        var target = Slot("1000", NextDay);
        var ids = new Guid[200];
        foreach (var chunk in Enumerable.Range(0, 200).Chunk(20))
        {
            await Task.WhenAll(chunk.Select(async i => ids[i] = await BookAsync($"rs-{i}", 1000 + i, from[i / 50])));
        }

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 200).Select(async i =>
        {
            await start.WaitAsync(Ct);
            return await RescheduleAsync($"rs-{i}", ids[i], target);
        }).ToList();
        start.Release(200);
        var answers = await Task.WhenAll(attempts);

        var outcomes = answers.GroupBy(a => (a.Status, a.Code)).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", outcomes.Select(o => $"{(int)o.Key.Status} {o.Key.Code}: {o.Value}")));
        Assert.Equal(50, outcomes.GetValueOrDefault((HttpStatusCode.OK, null)));
        Assert.Equal(150, outcomes.GetValueOrDefault((HttpStatusCode.Conflict, "slot_full")));

        var moved = ids.Where((_, i) => answers[i].Status == HttpStatusCode.OK).ToHashSet();
        var stored = await _system.QueryAsync<BookingDbContext, List<(Guid Id, string SlotId, DateOnly Date, int Count, BookingStatus Status)>>(CivicHallSystem.Booking, async db =>
            [.. (await db.Bookings.Where(b => b.HallId == Hall).Select(b => new { b.Id, b.SlotId, b.Date, b.RescheduleCount, b.Status }).ToListAsync(Ct))
                .Select(b => (b.Id, b.SlotId, b.Date, b.RescheduleCount, b.Status))]);
        Assert.All(stored, b => Assert.Equal(BookingStatus.Confirmed, b.Status));
        for (var i = 0; i < 200; i++)
        {
            var row = stored.Single(b => b.Id == ids[i]);
            Assert.Equal(moved.Contains(ids[i]) ? (target, NextDay, 1) : (from[i / 50], Day, 0), (row.SlotId, row.Date, row.Count));
        }

        // Every slot's places taken and every day's quota taken are its bookings, no more, no less.
        var (places, quota) = await _system.QueryAsync<BookingDbContext, (Dictionary<string, int>, Dictionary<DateOnly, int>)>(CivicHallSystem.Booking, async db => (
            await db.SlotPlaceCounters.Where(c => c.HallId == Hall).GroupBy(c => c.SlotId).ToDictionaryAsync(g => g.Key, g => g.Sum(c => c.Taken), Ct),
            await db.DayQuotaCounters.Where(c => c.HallId == Hall).GroupBy(c => c.Date).ToDictionaryAsync(g => g.Key, g => g.Sum(c => c.Taken), Ct)));
        foreach (var slot in from.Append(target))
        {
            Assert.Equal(stored.Count(b => b.SlotId == slot), places.GetValueOrDefault(slot));
        }

        Assert.Equal(50, places[target]);
        Assert.Equal((150, 50), (quota[Day], quota[NextDay]));

        var events = await _system.QueryAsync<BookingDbContext, List<string>>(CivicHallSystem.Booking, db =>
            db.Set<OutboxMessage>().Where(m => m.MessageType.EndsWith(".BookingMoved")).Select(m => m.Payload).ToListAsync(Ct));
        var movedEvents = events.Select(p => JsonDocument.Parse(p).RootElement)
            .Where(e => e.GetProperty("reason").GetString() == BookingMoveReasons.CitizenRescheduled && moved.Contains(e.GetProperty("bookingId").GetGuid())).ToList();
        Assert.Equal(50, movedEvents.Count);
        Assert.Equal(50, movedEvents.Select(e => e.GetProperty("bookingId").GetGuid()).Distinct().Count());

        // Screening expects the visitor on the new day.
        var one = moved.First();
        var startsAt = new DateTimeOffset(NextDay.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        await Eventually.UntilAsync(
            () => _system.QueryAsync<ScreeningDbContext, DateTimeOffset?>(CivicHallSystem.Screening, db =>
                db.VisitorBookings.Where(b => b.BookingId == one).Select(b => (DateTimeOffset?)b.SlotStartsAt).FirstOrDefaultAsync(Ct)),
            at => at == startsAt,
            because: "screening should expect a rescheduled visitor in the new slot, on the other day");
    }

    [Fact]
    public async Task A_reschedule_replays_under_its_key_is_refused_another_body_and_stops_at_the_policy_limit()
    {
        _clock.SetUtcNow(At(8, 0));
        var id = await BookAsync("rs-replay", 2000, Slot("1400"));

        var first = await RescheduleAsync("rs-replay", id, Slot("1430"), key: "move-1", reason: "临时出差");
        Assert.Equal((HttpStatusCode.OK, Slot("1430"), false), (first.Status, first.SlotId, first.Replayed));
        Assert.Equal((1, "临时出差", Slot("1400"), "citizen_rescheduled"), (first.Body.GetProperty("rescheduleCount").GetInt32(),
            first.Body.GetProperty("rescheduleReason").GetString(), first.Body.GetProperty("movedFromSlotId").GetString(), first.Body.GetProperty("moveReason").GetString()));

        var again = await RescheduleAsync("rs-replay", id, Slot("1430"), key: "move-1", reason: "临时出差");
        Assert.Equal((HttpStatusCode.OK, Slot("1430"), true), (again.Status, again.SlotId, again.Replayed));
        Assert.Equal(1, again.Body.GetProperty("rescheduleCount").GetInt32());
        var other = await RescheduleAsync("rs-replay", id, Slot("1500"), key: "move-1");
        Assert.Equal((HttpStatusCode.Conflict, "idempotency_key_reused"), (other.Status, other.Code));

        Assert.Equal(HttpStatusCode.OK, (await RescheduleAsync("rs-replay", id, Slot("1500"))).Status);
        var third = await RescheduleAsync("rs-replay", id, Slot("1530"));
        Assert.Equal((HttpStatusCode.Conflict, "reschedule_limit_reached"), (third.Status, third.Code));

        // Still where the second move put it, its place counted once.
        var (slotId, taken) = await _system.QueryAsync<BookingDbContext, (string, int)>(CivicHallSystem.Booking, async db => (
            await db.Bookings.Where(b => b.Id == id).Select(b => b.SlotId).SingleAsync(Ct),
            await db.SlotPlaceCounters.Where(c => c.HallId == Hall && (c.SlotId == Slot("1400") || c.SlotId == Slot("1430") || c.SlotId == Slot("1500"))).SumAsync(c => c.Taken, Ct)));
        Assert.Equal((Slot("1500"), 1), (slotId, taken));
    }

    [Fact]
    public async Task Only_the_owner_moves_a_confirmed_booking_to_an_open_slot_of_the_same_item()
    {
        _clock.SetUtcNow(At(8, 0));
        var id = await BookAsync("rs-owner", 3000, Slot("0900"));

        Assert.Equal(HttpStatusCode.NotFound, (await RescheduleAsync("rs-stranger", id, Slot("1600"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await RescheduleAsync("rs-owner", id, Slot("1600"), role: Roles.WindowStaff)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await RescheduleAsync("rs-owner", Guid.NewGuid(), Slot("1600"))).Status);

        var otherItem = await RescheduleAsync("rs-owner", id, Slot("1600", group: "tax"));
        Assert.Equal((HttpStatusCode.NotFound, "slot_unknown"), (otherItem.Status, otherItem.Code));
        var beyond = await RescheduleAsync("rs-owner", id, Slot("1000", Day.AddDays(30)));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "outside_horizon"), (beyond.Status, beyond.Code));
        var same = await RescheduleAsync("rs-owner", id, Slot("0900"));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (same.Status, same.Code));
        var missingKey = await _anonymous.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/bookings/{id}/reschedule")
            {
                Content = JsonContent.Create(new { slotId = Slot("1600") }),
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create([Roles.Citizen], "rs-owner", TimeProvider.System)) },
            },
            Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missingKey.StatusCode);

        // Checked in (08:45 for the 09:00 slot): it stays.
        _clock.SetUtcNow(At(8, 45));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("rs-owner", $"/api/v1/bookings/{id}/check-in", null)).Status);
        var late = await RescheduleAsync("rs-owner", id, Slot("1600"));
        Assert.Equal((HttpStatusCode.Conflict, "not_reschedulable"), (late.Status, late.Code));
        var slotId = await _system.QueryAsync<BookingDbContext, string>(CivicHallSystem.Booking, db => db.Bookings.Where(b => b.Id == id).Select(b => b.SlotId).SingleAsync(Ct));
        Assert.Equal(Slot("0900"), slotId);
    }
}
