using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.IntegrationTests.Occupancy;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// Calling tickets at the windows (叫号) through the gateway, on a booking service whose clock the test moves: one window
/// group <c>social</c> with three windows (<c>social-1</c> … <c>social-3</c>), 1 minute a case (90 places a slot), the 09:00
/// and 09:30 slots open for check-in at 09:00; a call may be marked missed 60 s after it was made and comes back behind 3.
/// </summary>
public sealed class CallTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private readonly FakeTimeProvider _clock = new(At(8, 0));
    private readonly string _hall = $"calls-{Guid.NewGuid():N}"[..16];
    private readonly int _people = Random.Shared.Next(0, 400) * 1000;
    private CivicHallSystem _system = null!;
    private HttpClient _citizen = null!;
    private HttpClient _staff = null!;
    private HttpClient _leader = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset At(int hour, int minute) =>
        new DateTimeOffset(Day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime();

    private static string Slot(string time) => $"{Day:yyyyMMdd}-{time}-social";

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, withGateway: true, bookingClock: _clock);
        await BookingSetup.AddHallAsync(_system, _hall);
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{_hall}/booking-policy", Policy(windows: 3), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/v1/halls/{_hall}/service-items/pension", BookingSetup.Item(minutes: 1), Ct)).EnsureSuccessStatusCode();
        _citizen = _system.Client(CivicHallSystem.Gateway, Roles.Citizen);
        _staff = _system.Client(CivicHallSystem.Gateway, Roles.WindowStaff);
        _leader = _system.Client(CivicHallSystem.Gateway, Roles.DutyLeader);
    }

    private static object Policy(int windows) => new
    {
        slotMinutes = 30,
        windowGroups = new[] { new { group = "social", windows } },
        phaseShare = 1m,
        dailyQuota = 1000,
        horizonDays = 7,
        maxActiveBookingsPerPerson = 3,
        checkInEarlyMinutes = 30,
        checkInLateMinutes = 15,
        walkInReserveShare = 0m,
        greenChannelDailyLimit = 5,
        missedAfterSeconds = 60,
        requeueAfter = 3,
    };

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_citizen, _staff, _leader, _system);

    private sealed record Answer(HttpStatusCode Status, JsonElement Body)
    {
        public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var c) ? c.GetString() : null;

        public int Ticket => Body.GetProperty("ticketNumber").GetInt32();

        public long CallId => Body.GetProperty("callId").GetInt64();
    }

    private static async Task<Answer> PostAsync(HttpClient client, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return new Answer(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<Answer> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return new Answer(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// Books each person at 08:00 (green channel through the duty leader when asked), then checks them in, in that order, at 09:00
    /// (the 09:00 slot's check-in closes at 09:15, the 09:30 one's opens at 09:00): each booking and its ticket.
    /// </summary>
    private async Task<List<(Guid Booking, int Ticket)>> CheckedInAsync(IEnumerable<(int Person, bool Green, string Time)> people)
    {
        var ids = new List<Guid>();
        foreach (var (person, green, time) in people)
        {
            var booked = green
                ? await PostAsync(_leader, "/api/v1/bookings", new { hallId = _hall, itemId = "pension", slotId = Slot(time), channel = "phone", person = TestPeople.Person(_people + person, 1985), greenChannel = new { reason = "重点项目企业开办" } })
                : await PostAsync(_citizen, "/api/v1/bookings", new { hallId = _hall, itemId = "pension", slotId = Slot(time), channel = "app", person = TestPeople.Person(_people + person, 1985) });
            Assert.Equal(HttpStatusCode.Created, booked.Status);
            ids.Add(booked.Body.GetProperty("bookingId").GetGuid());
        }

        _clock.SetUtcNow(At(9, 0));
        var tickets = new List<(Guid, int)>();
        foreach (var id in ids)
        {
            var checkedIn = await PostAsync(_staff, $"/api/v1/bookings/{id}/check-in");
            Assert.Equal(HttpStatusCode.OK, checkedIn.Status);
            tickets.Add((id, checkedIn.Ticket));
        }

        return tickets;
    }

    private Task<List<(Guid Booking, int Ticket)>> CheckedInAsync(int count) => CheckedInAsync(Enumerable.Range(1, count).Select(i => (i, false, "0900")));

    private Task<Answer> CallAsync(string window, HttpClient? client = null) => PostAsync(client ?? _staff, $"/api/v1/halls/{_hall}/windows/{window}/calls");

    private Task<Answer> MissAsync(long callId) => PostAsync(_staff, $"/api/v1/halls/{_hall}/calls/{callId}/missed");

    private Task<Answer> ServeAsync(Guid bookingId, string window) => PostAsync(_staff, $"/api/v1/bookings/{bookingId}/serve", new { windowId = window });

    [Fact]
    public async Task Three_windows_calling_at_once_call_each_of_100_tickets_once_priority_first_then_in_ticket_order()
    {
        // Three green-channel tickets in the middle of the day's numbers.
        var people = Enumerable.Range(1, 100).Select(i => (Person: i, Green: i is 20 or 50 or 80, Time: i <= 80 ? "0900" : "0930")).ToList();
        var tickets = (await CheckedInAsync(people)).Select((t, i) => (t.Booking, t.Ticket, people[i].Green)).ToList();

        var calls = new System.Collections.Concurrent.ConcurrentBag<(long CallId, int Ticket, string Window)>();
        await Task.WhenAll(new[] { "social-1", "social-2", "social-3" }.Select(window => Task.Run(async () =>
        {
            while (true)
            {
                var called = await CallAsync(window);
                if (called.Code == "queue_empty")
                {
                    return;
                }

                Assert.Equal(HttpStatusCode.OK, called.Status);
                Assert.Equal(window, called.Body.GetProperty("windowId").GetString());
                calls.Add((called.CallId, called.Ticket, window));
                Assert.Equal(HttpStatusCode.OK, (await ServeAsync(called.Body.GetProperty("bookingId").GetGuid(), window)).Status);
            }
        })));

        var expected = tickets.OrderBy(t => t.Green ? 0 : 1).ThenBy(t => t.Ticket).Select(t => t.Ticket).ToList();
        var inOrder = calls.OrderBy(c => c.CallId).ToList();
        Assert.Equal(100, calls.Select(c => c.Ticket).Distinct().Count());
        Assert.Equal(expected, inOrder.Select(c => c.Ticket)); // globally, by the calls' sequence
        foreach (var window in calls.GroupBy(c => c.Window))
        {
            var mine = window.OrderBy(c => c.CallId).Select(c => expected.IndexOf(c.Ticket)).ToList();
            Assert.Equal(mine.Order(), mine); // each window in call order too
        }

        Assert.Equal(3, calls.Select(c => c.Window).Distinct().Count());
        var served = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.TicketCalls.CountAsync(c => c.HallId == _hall && c.Outcome == CivicHall.Booking.Calls.CallOutcome.Served, Ct));
        Assert.Equal(100, served);
    }

    [Fact]
    public async Task A_missed_ticket_comes_back_once_behind_three_and_a_second_miss_ends_it()
    {
        var tickets = await CheckedInAsync(6);

        // Before anyone is called: the fifth waits behind four, 10 minutes a case (no history) over three windows.
        var view = await GetAsync(_citizen, $"/api/v1/bookings/{tickets[4].Booking}");
        var queue = view.Body.GetProperty("queue");
        Assert.Equal(("waiting", 5, 4, 14), (queue.GetProperty("state").GetString(), queue.GetProperty("position").GetInt32(), queue.GetProperty("ahead").GetInt32(), queue.GetProperty("estimatedWaitMinutes").GetInt32()));

        var first = await CallAsync("social-1");
        Assert.Equal((HttpStatusCode.OK, tickets[0].Ticket, false), (first.Status, first.Ticket, first.Body.GetProperty("recall").GetBoolean()));
        Assert.Equal("window_busy", (await CallAsync("social-1")).Code);
        Assert.Equal("called", (await GetAsync(_citizen, $"/api/v1/bookings/{tickets[0].Booking}")).Body.GetProperty("queue").GetProperty("state").GetString());

        var early = await MissAsync(first.CallId);
        Assert.Equal((HttpStatusCode.Conflict, "miss_too_early"), (early.Status, early.Code));
        Assert.Equal(At(9, 1), early.Body.GetProperty("missableAt").GetDateTimeOffset());

        _clock.SetUtcNow(At(9, 1));
        var missed = await MissAsync(first.CallId);
        Assert.Equal((HttpStatusCode.OK, "requeued", 3), (missed.Status, missed.Body.GetProperty("outcome").GetString(), missed.Body.GetProperty("ahead").GetInt32()));
        Assert.Equal("call_finished", (await MissAsync(first.CallId)).Code);
        Assert.Equal(4, (await GetAsync(_citizen, $"/api/v1/bookings/{tickets[0].Booking}")).Body.GetProperty("queue").GetProperty("position").GetInt32());

        // Behind tickets 2, 3 and 4, ahead of 5 and 6.
        var order = new List<(int Ticket, bool Recall, long CallId, Guid Booking)>();
        for (var i = 0; i < 4; i++)
        {
            var called = await CallAsync("social-1");
            order.Add((called.Ticket, called.Body.GetProperty("recall").GetBoolean(), called.CallId, called.Body.GetProperty("bookingId").GetGuid()));
            if (i < 3)
            {
                Assert.Equal(HttpStatusCode.OK, (await ServeAsync(order[^1].Booking, "social-1")).Status);
            }
        }

        Assert.Equal([tickets[1].Ticket, tickets[2].Ticket, tickets[3].Ticket, tickets[0].Ticket], order.Select(o => o.Ticket));
        Assert.True(order[3].Recall);

        _clock.SetUtcNow(At(9, 3));
        var again = await MissAsync(order[3].CallId);
        Assert.Equal("dropped", again.Body.GetProperty("outcome").GetString());
        var status = await _system.QueryAsync<BookingDbContext, BookingStatus>(CivicHallSystem.Booking, db => db.Bookings.Where(b => b.Id == tickets[0].Booking).Select(b => b.Status).SingleAsync(Ct));
        Assert.Equal(BookingStatus.NoShow, status);

        var rest = new List<int>();
        while (await CallAsync("social-2") is { Status: HttpStatusCode.OK } next)
        {
            rest.Add(next.Ticket);
            await ServeAsync(next.Body.GetProperty("bookingId").GetGuid(), "social-2");
        }

        Assert.Equal([tickets[4].Ticket, tickets[5].Ticket], rest);
        Assert.Equal("queue_empty", (await CallAsync("social-3")).Code);
    }

    [Fact]
    public async Task Unknown_windows_halls_and_calls_and_bad_ids_are_refused_with_their_codes()
    {
        Assert.Equal((HttpStatusCode.NotFound, "window_unknown"), await Outcome(CallAsync("social-4")));
        Assert.Equal((HttpStatusCode.NotFound, "window_unknown"), await Outcome(CallAsync("other-1")));
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), await Outcome(PostAsync(_staff, "/api/v1/halls/calls-nowhere/windows/social-1/calls")));
        Assert.Equal(HttpStatusCode.BadRequest, (await CallAsync("bad%20id")).Status);
        Assert.Equal((HttpStatusCode.NotFound, "queue_empty"), await Outcome(CallAsync("social-1")));
        Assert.Equal((HttpStatusCode.NotFound, "call_unknown"), await Outcome(MissAsync(987654321)));
        Assert.Equal(HttpStatusCode.Forbidden, (await CallAsync("social-1", _citizen)).Status);
        var windows = await GetAsync(_staff, $"/api/v1/halls/{_hall}/windows");
        Assert.Equal(["social-1", "social-2", "social-3"], windows.Body.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("windowId").GetString()));

        // A call of another hall is not this hall's.
        await CheckedInAsync(1);
        var called = await CallAsync("social-1");
        Assert.Equal((HttpStatusCode.NotFound, "hall_unknown"), await Outcome(PostAsync(_staff, $"/api/v1/halls/calls-nowhere/calls/{called.CallId}/missed")));
        var page = await GetAsync(_leader, $"/api/v1/halls/{_hall}/calls?limit=1");
        Assert.Equal(called.CallId, page.Body.GetProperty("calls")[0].GetProperty("callId").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(_leader, $"/api/v1/halls/{_hall}/calls?cursor=nonsense")).Status);

        static async Task<(HttpStatusCode, string?)> Outcome(Task<Answer> answer)
        {
            var a = await answer;
            return (a.Status, a.Code);
        }
    }

    /// <summary>
    /// Calls read the hall's windows from the booking catalog, not the database: a policy change must reach the very next call.
    /// A window the new policy opens is callable at once (the catalog is re-read before an unknown window is refused), and one it
    /// closes is refused at once (booking_call_next refuses a call decided on the old catalog version, and it is decided again).
    /// </summary>
    [Fact]
    public async Task A_policy_change_reaches_the_next_call_at_once_windows_opened_and_closed()
    {
        var tickets = await CheckedInAsync(2);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync("social-3")).Status);
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);

        async Task SetWindowsAsync(int windows)
        {
            using var put = await ops.PutAsJsonAsync($"/api/v1/halls/{_hall}/booking-policy", Policy(windows), Ct);
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        }

        await SetWindowsAsync(4);
        var opened = await CallAsync("social-4");
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Equal(tickets[1].Ticket, opened.Ticket);

        await SetWindowsAsync(2);
        var closed = await CallAsync("social-3");
        Assert.Equal((HttpStatusCode.NotFound, "window_unknown"), (closed.Status, closed.Code));
        var stillOpen = await CallAsync("social-2");
        Assert.Equal((HttpStatusCode.NotFound, "queue_empty"), (stillOpen.Status, stillOpen.Code));
    }

    [Fact]
    public async Task The_calling_screen_hears_every_call_through_the_gateway_without_a_token_and_nothing_personal()
    {
        using var anonymous = _system.Client(CivicHallSystem.Gateway);
        await using var screen = await LiveListener.ConnectToAsync(anonymous, $"/api/v1/halls/{_hall}/calls/stream", Ct);
        var mine = (await CheckedInAsync(3)).Select(t => t.Ticket).ToList();

        var calls = new List<long>();
        foreach (var window in new[] { "social-1", "social-2", "social-3" })
        {
            calls.Add((await CallAsync(window)).CallId);
        }

        var events = await screen.UntilAsync(e => e.Type == "call" && e.Json.GetProperty("callId").GetInt64() == calls[^1]);
        var shown = events.Where(e => e.Type == "call").ToList();
        Assert.Equal(mine, shown.Select(e => e.Json.GetProperty("ticketNumber").GetInt32()));
        Assert.Equal(["social-1", "social-2", "social-3"], shown.Select(e => e.Json.GetProperty("windowId").GetString()));
        Assert.All(shown, e => Assert.Equal(
            ["callId", "calledAt", "recall", "ticketNumber", "windowId", "windowName"],
            e.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/halls/calls-nowhere/calls/stream", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/halls/{_hall}/calls", Ct)).StatusCode);
    }
}
