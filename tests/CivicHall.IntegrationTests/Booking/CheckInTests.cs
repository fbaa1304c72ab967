using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.Messaging.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>Check-in (取号) and the door, on a booking service whose clock the test moves.</summary>
public sealed class CheckInTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private readonly FakeTimeProvider _clock = new(At(8, 0));
    private CivicHallSystem _system = null!;
    private string _slotId = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A local time in Shanghai on the test day, as the UTC instant a clock reports.</summary>
    private static DateTimeOffset At(int hour, int minute) =>
        new DateTimeOffset(Day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime();

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, bookingClock: _clock);
        await BookingSetup.AddHallAsync(_system, "qingpu");
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        // 1 window × 30 ÷ 10 = 3 places a slot, one of them kept for special groups at the door.
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 1, walkInReserveShare: 0.34m), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        var slots = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/halls/qingpu/slots?date={Day:yyyy-MM-dd}", Ct);
        _slotId = slots.GetProperty("slots")[0].GetProperty("slotId").GetString()!;
        Assert.EndsWith("-0900-social", _slotId, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> BookAsync(HttpClient client, int person, string channel = "app", string? specialGroup = null, int bornYear = 1970) =>
        PostAsync(client, "/api/v1/bookings", new { hallId = "qingpu", itemId = "pension", slotId = _slotId, channel, specialGroup, person = TestPeople.Person(person, bornYear) });

    [Fact]
    public async Task Check_in_opens_before_the_slot_hands_out_tickets_in_order_once_each_and_closes_after_the_late_margin()
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        using var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff);
        var a = (await BookAsync(citizen, 1)).Body.GetProperty("bookingId").GetGuid();
        var b = (await BookAsync(citizen, 2)).Body.GetProperty("bookingId").GetGuid();
        var c = (await BookAsync(staff, 3, channel: "on_site", specialGroup: "elderly", bornYear: 1950)).Body.GetProperty("bookingId").GetGuid();

        var early = await PostAsync(staff, $"/api/v1/bookings/{a}/check-in");
        Assert.Equal(((HttpStatusCode)422, "check_in_too_early"), (early.Status, early.Body.GetProperty("code").GetString()));

        _clock.SetUtcNow(At(8, 45)); // check-in opens 30 min before 09:00
        var first = await PostAsync(citizen, $"/api/v1/bookings/{b}/check-in");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(("checked_in", 1), (first.Body.GetProperty("status").GetString(), first.Body.GetProperty("ticketNumber").GetInt32()));
        Assert.Equal(2, (await PostAsync(staff, $"/api/v1/bookings/{a}/check-in")).Body.GetProperty("ticketNumber").GetInt32());
        Assert.Equal(1, (await PostAsync(staff, $"/api/v1/bookings/{b}/check-in")).Body.GetProperty("ticketNumber").GetInt32()); // again: same ticket

        _clock.SetUtcNow(At(9, 16)); // 15 min late margin has passed
        var late = await PostAsync(staff, $"/api/v1/bookings/{c}/check-in");
        Assert.Equal(((HttpStatusCode)422, "check_in_too_late"), (late.Status, late.Body.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_late_arrival_is_marked_and_a_booking_not_checked_in_when_the_window_closes_becomes_a_no_show()
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        var late = (await BookAsync(citizen, 31)).Body.GetProperty("bookingId").GetGuid();
        var absent = (await BookAsync(citizen, 32)).Body.GetProperty("bookingId").GetGuid();
        var sweeper = _system[CivicHallSystem.Booking].Services.GetRequiredService<NoShowSweeper>();

        _clock.SetUtcNow(At(9, 10));
        var checkedIn = await PostAsync(citizen, $"/api/v1/bookings/{late}/check-in");
        Assert.True(checkedIn.Body.GetProperty("arrivedLate").GetBoolean());
        await sweeper.SweepOnceAsync(Ct); // the window is still open for the other one
        Assert.Equal("confirmed", (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{absent}", Ct)).GetProperty("status").GetString());

        // Moving the clock also ticks the job's own timer; sweeping again is harmless either way.
        _clock.SetUtcNow(At(9, 16));
        await sweeper.SweepOnceAsync(Ct);
        await Eventually.UntilAsync( // the job's own run may still be committing the rows it claimed
            async () => (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{absent}", Ct)).GetProperty("status").GetString(),
            status => status == "no_show");
        Assert.Equal("checked_in", (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{late}", Ct)).GetProperty("status").GetString());
        Assert.Equal(0, await sweeper.SweepOnceAsync(Ct));
        var tooLate = await PostAsync(citizen, $"/api/v1/bookings/{absent}/check-in");
        Assert.Equal(((HttpStatusCode)422, "check_in_too_late"), (tooLate.Status, tooLate.Body.GetProperty("code").GetString()));

        var (active, events) = await _system.QueryAsync<BookingDbContext, (int, int)>(CivicHallSystem.Booking, async db => (
            await db.PersonActiveBookings.SumAsync(p => p.Active, Ct),
            await db.Set<OutboxMessage>().CountAsync(m => m.MessageType.EndsWith("BookingNoShow"), Ct)));
        Assert.Equal((1, 1), (active, events)); // only the checked-in booking still counts
    }

    [Fact]
    public async Task The_place_kept_for_the_door_goes_to_a_special_group_and_not_to_an_app_booking()
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        using var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(citizen, 11)).Status);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(citizen, 12)).Status);
        var third = await BookAsync(citizen, 13);
        Assert.Equal((HttpStatusCode.Conflict, "slot_full"), (third.Status, third.Body.GetProperty("code").GetString()));

        var young = await BookAsync(staff, 14, channel: "on_site", specialGroup: "elderly", bornYear: 1990);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (young.Status, young.Body.GetProperty("code").GetString())); // the elderly group starts at 60
        Assert.True(young.Body.GetProperty("errors").TryGetProperty("specialGroup", out _), "the special group is named");
        var (places, booked) = await _system.QueryAsync<BookingDbContext, (int, int)>(CivicHallSystem.Booking, async db => (
            await db.SlotPlaceCounters.Where(c => c.SlotId == _slotId).SumAsync(c => c.Taken, Ct), await db.Bookings.CountAsync(b => b.SlotId == _slotId, Ct)));
        Assert.Equal((2, 2), (places, booked)); // refused: the place kept for the door is still free

        var elderly = await BookAsync(staff, 15, channel: "on_site", specialGroup: "elderly", bornYear: 1950);
        Assert.Equal(HttpStatusCode.Created, elderly.Status);
        Assert.Equal(("special_group", "elderly"), (elderly.Body.GetProperty("kind").GetString(), elderly.Body.GetProperty("specialGroup").GetString()));
    }

    [Fact]
    public async Task A_slot_that_has_begun_is_not_booked_and_a_checked_in_booking_is_not_cancelled()
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        var booked = (await BookAsync(citizen, 41)).Body.GetProperty("bookingId").GetGuid();
        _clock.SetUtcNow(At(8, 50));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(citizen, $"/api/v1/bookings/{booked}/check-in")).Status);

        var cancel = await PostAsync(citizen, $"/api/v1/bookings/{booked}/cancel");
        Assert.Equal((HttpStatusCode.Conflict, "not_cancellable"), (cancel.Status, cancel.Body.GetProperty("code").GetString()));
        Assert.Equal("checked_in", (await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booked}", Ct)).GetProperty("status").GetString());

        _clock.SetUtcNow(At(9, 1)); // the 09:00 slot has begun
        var before = await _system.QueryAsync<BookingDbContext, (int, int)>(CivicHallSystem.Booking, async db => (
            await db.Bookings.CountAsync(Ct), await db.SlotPlaceCounters.Where(c => c.SlotId == _slotId).SumAsync(c => c.Taken, Ct)));
        var late = await BookAsync(citizen, 42);
        Assert.Equal(((HttpStatusCode)422, "slot_past"), (late.Status, late.Body.GetProperty("code").GetString()));
        Assert.Equal(before, await _system.QueryAsync<BookingDbContext, (int, int)>(CivicHallSystem.Booking, async db => (
            await db.Bookings.CountAsync(Ct), await db.SlotPlaceCounters.Where(c => c.SlotId == _slotId).SumAsync(c => c.Taken, Ct))));
        Assert.Equal(0, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
            db.Set<OutboxMessage>().CountAsync(m => m.MessageType.EndsWith("BookingCancelled"), Ct)));
    }

    [Fact]
    public async Task Concurrent_check_ins_get_unique_consecutive_tickets_of_the_hall_and_day()
    {
        // A hall of its own with room for everyone: 10 windows × 30 ÷ 10 = 30 places a slot.
        await BookingSetup.AddHallAsync(_system, "tickets");
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/tickets/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 10, maxActive: 3), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/tickets/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        var slots = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/halls/tickets/slots?date={Day:yyyy-MM-dd}", Ct);
        string[] slotIds = [slots.GetProperty("slots")[0].GetProperty("slotId").GetString()!, slots.GetProperty("slots")[1].GetProperty("slotId").GetString()!];
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        var bookings = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            var booked = await PostAsync(citizen, "/api/v1/bookings", new { hallId = "tickets", itemId = "pension", slotId = slotIds[i % 2], channel = "app", person = TestPeople.Person(500 + i) });
            Assert.Equal(HttpStatusCode.Created, booked.Status);
            bookings.Add(booked.Body.GetProperty("bookingId").GetGuid());
        }

        // 09:05: the 09:00 slot's window (until 09:15) and the 09:30 slot's (from 09:00) are both open.
        _clock.SetUtcNow(At(9, 5));
        using var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff);
        var checkIns = await Task.WhenAll(bookings.Select(id => PostAsync(staff, $"/api/v1/bookings/{id}/check-in")));

        Assert.All(checkIns, c => Assert.Equal(HttpStatusCode.OK, c.Status));
        Assert.Equal(Enumerable.Range(1, 24), checkIns.Select(c => c.Body.GetProperty("ticketNumber").GetInt32()).Order());
        var (last, events) = await _system.QueryAsync<BookingDbContext, (int, int)>(CivicHallSystem.Booking, async db => (
            await db.TicketCounters.Where(t => t.HallId == "tickets").Select(t => t.Last).SingleAsync(Ct),
            (await db.Set<OutboxMessage>().Where(m => m.MessageType.EndsWith("BookingCheckedIn")).Select(m => m.Payload).ToListAsync(Ct))
                .Count(p => JsonDocument.Parse(p).RootElement.GetProperty("hallId").GetString() == "tickets")));
        Assert.Equal((24, 24), (last, events));

        // Checking in again keeps the ticket and takes no new number.
        var again = await PostAsync(staff, $"/api/v1/bookings/{bookings[0]}/check-in");
        Assert.Equal(checkIns[0].Body.GetProperty("ticketNumber").GetInt32(), again.Body.GetProperty("ticketNumber").GetInt32());
        Assert.Equal(24, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.TicketCounters.Where(t => t.HallId == "tickets").Select(t => t.Last).SingleAsync(Ct)));
    }
}
