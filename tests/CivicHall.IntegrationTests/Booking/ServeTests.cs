using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;
using CivicHall.Messaging.Persistence;
using CivicHall.Screening.Data;
using CivicHall.Screening.Visits;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// Serving a checked-in visitor at a window (办结): <c>POST /api/v1/bookings/{id}/serve</c>, on a booking
/// service whose clock the test moves. The hall has 12 places a slot (4 windows × 30 ÷ 10), none kept
/// for the door; check-in opens at 08:30 for the 09:00 slot and closes at 09:15.
/// </summary>
public sealed class ServeTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private readonly FakeTimeProvider _clock = new(At(8, 0));
    private CivicHallSystem _system = null!;
    private HttpClient _citizen = null!;
    private HttpClient _staff = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A local time in Shanghai on the test day, as the UTC instant a clock reports.</summary>
    private static DateTimeOffset At(int hour, int minute) =>
        new DateTimeOffset(Day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime();

    private static string Slot(string time) => $"{Day:yyyyMMdd}-{time}-social";

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, bookingClock: _clock);
        await BookingSetup.AddHallAsync(_system, "qingpu");
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 4), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        _citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        _staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff);
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_citizen, _staff, _system);

    /// <summary>An HTTP answer: its status, its body, the problem's code or the booking's state, and whether it was a replay.</summary>
    private sealed record Answer(HttpStatusCode Status, JsonElement Body, bool Replayed)
    {
        public string? Code => Property("code");

        public string? State => Property("status");

        private string? Property(string name) =>
            Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
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
        return new Answer(
            response.StatusCode,
            text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(),
            response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true");
    }

    private async Task<Guid> BookAsync(int person, string time = "0900")
    {
        var booked = await PostAsync(_citizen, "/api/v1/bookings", new { hallId = "qingpu", itemId = "pension", slotId = Slot(time), channel = "app", person = TestPeople.Person(person) });
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        return booked.Body.GetProperty("bookingId").GetGuid();
    }

    private async Task CheckInAsync(Guid bookingId) =>
        Assert.Equal("checked_in", (await PostAsync(_staff, $"/api/v1/bookings/{bookingId}/check-in")).State);

    private Task<Answer> ServeAsync(Guid bookingId, object? body = null, HttpClient? client = null) =>
        PostAsync(client ?? _staff, $"/api/v1/bookings/{bookingId}/serve", body);

    /// <summary>The booking's status as stored (and sent): <c>checked_in</c>, not <c>CheckedIn</c>.</summary>
    private async Task<string> StatusAsync(Guid bookingId) => EnumText.Of(
        await _system.QueryAsync<BookingDbContext, BookingStatus>(CivicHallSystem.Booking, db => db.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync(Ct)));

    /// <summary>The outbox rows announcing one booking, in the order written, by event name.</summary>
    private Task<List<string>> EventsAsync(Guid bookingId) =>
        _system.QueryAsync<BookingDbContext, List<string>>(CivicHallSystem.Booking, async db =>
            [.. (await db.Set<OutboxMessage>().Where(m => m.MessageType.StartsWith("CivicHall.Contracts.Bookings.")).OrderBy(m => m.Sequence)
                    .Select(m => new { m.MessageType, m.Payload }).ToListAsync(Ct))
                .Where(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("bookingId").GetGuid() == bookingId)
                .Select(m => m.MessageType[(m.MessageType.LastIndexOf('.') + 1)..])]);

    /// <summary>How many active bookings the person who made a booking holds.</summary>
    private Task<int> ActiveAsync(Guid bookingId) =>
        _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db =>
            db.PersonActiveBookings.Where(p => db.Bookings.Any(b => b.Id == bookingId && b.PersonKey == p.PersonKey)).SumAsync(p => p.Active, Ct));

    [Fact]
    public async Task A_checked_in_visitor_is_served_once_recorded_announced_and_no_longer_admitted_at_the_entrance()
    {
        await using var probe = await EventProbe<BookingServed>.StartAsync(_system.MessagingUri);
        var id = await BookAsync(1);
        _clock.SetUtcNow(At(8, 45));
        await CheckInAsync(id);
        Assert.Equal(1, await ActiveAsync(id));

        _clock.SetUtcNow(At(9, 5));
        var served = await ServeAsync(id, new { windowId = "A3", note = "材料齐全，已受理" });

        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.False(served.Replayed);
        Assert.Equal(("served", "A3", "材料齐全，已受理"), (served.State, served.Body.GetProperty("servedWindowId").GetString(), served.Body.GetProperty("servedNote").GetString()));
        Assert.Equal(At(9, 5), served.Body.GetProperty("servedAt").GetDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, served.Body.GetProperty("servedAt").GetDateTimeOffset().Offset); // every instant in UTC (API convention)

        var read = await _citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{id}", Ct);
        Assert.Equal(("served", 1), (read.GetProperty("status").GetString(), read.GetProperty("ticketNumber").GetInt32()));
        Assert.Equal(At(9, 5), read.GetProperty("servedAt").GetDateTimeOffset());
        var servedBy = await _system.QueryAsync<BookingDbContext, string?>(CivicHallSystem.Booking, db => db.Bookings.Where(b => b.Id == id).Select(b => b.ServedBy).SingleAsync(Ct));
        Assert.Equal("test-window_staff", servedBy);
        Assert.Equal(0, await ActiveAsync(id)); // the visit is over: the person may book again

        Assert.Equal(["BookingConfirmed", "BookingCheckedIn", "BookingServed"], await EventsAsync(id));
        var message = await Eventually.UntilAsync(
            () => Task.FromResult(probe.Received.FirstOrDefault(m => m.BookingId == id)),
            m => m is not null,
            because: "BookingServed should reach the broker");
        Assert.Equal(("qingpu", Day, Slot("0900"), "pension", "social", BookingKinds.Regular), (message!.HallId, message.Date, message.SlotId, message.ItemId, message.WindowGroup, message.Kind));
        Assert.Equal((1, "A3", "test-window_staff", At(9, 5), At(8, 45), At(9, 0)), (message.TicketNumber, message.WindowId, message.ServedBy, message.ServedAt, message.CheckedInAt, message.SlotStartsAt));
        Assert.StartsWith("pk_", message.PersonKey, StringComparison.Ordinal);
        TestPeople.AssertNotIn(TestPeople.IdNumber(1), JsonSerializer.Serialize(message), "BookingServed");

        // Screening keeps bookings from booking's events: a served booking lets nobody in again.
        await Eventually.UntilAsync(
            () => _system.QueryAsync<ScreeningDbContext, bool?>(CivicHallSystem.Screening, db => db.VisitorBookings.Where(b => b.BookingId == id).Select(b => (bool?)b.Active).FirstOrDefaultAsync(Ct)),
            active => active == false,
            because: "screening should end the booking on BookingServed");
    }

    [Fact]
    public async Task Only_window_staff_and_duty_leaders_serve_only_a_checked_in_booking_and_serving_again_answers_the_first_serve()
    {
        var confirmed = await BookAsync(11);
        var notYet = await ServeAsync(confirmed);
        Assert.Equal((HttpStatusCode.Conflict, "not_servable"), (notYet.Status, notYet.Code));

        var unknown = await ServeAsync(Guid.CreateVersion7());
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (unknown.Status, unknown.Code));

        _clock.SetUtcNow(At(8, 45));
        await CheckInAsync(confirmed);
        using var screener = _system.Client(CivicHallSystem.Booking, Roles.Screener);
        foreach (var client in new[] { _citizen, screener })
        {
            var refused = await ServeAsync(confirmed, client: client);
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (refused.Status, refused.Code));
        }

        var tooLong = await ServeAsync(confirmed, new { windowId = new string('A', 65), note = new string('n', 501) });
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (tooLong.Status, tooLong.Code));
        Assert.Equal(["note", "windowId"], tooLong.Body.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var blankWindow = await ServeAsync(confirmed, new { windowId = "  " });
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (blankWindow.Status, blankWindow.Code));
        Assert.Equal("checked_in", await StatusAsync(confirmed)); // nothing refused changed it

        using var leader = _system.Client(CivicHallSystem.Booking, Roles.DutyLeader);
        var first = await ServeAsync(confirmed, client: leader); // no body: window and note are optional
        Assert.Equal((HttpStatusCode.OK, "served", false), (first.Status, first.State, first.Replayed));
        Assert.Equal(JsonValueKind.Null, first.Body.GetProperty("servedWindowId").ValueKind);

        _clock.SetUtcNow(At(8, 50));
        var again = await ServeAsync(confirmed, new { windowId = "B1", note = "retry" }); // a retry, or the next window
        Assert.Equal((HttpStatusCode.OK, "served", true), (again.Status, again.State, again.Replayed));
        Assert.Equal(At(8, 45), again.Body.GetProperty("servedAt").GetDateTimeOffset()); // the first serve stands
        Assert.Equal(JsonValueKind.Null, again.Body.GetProperty("servedWindowId").ValueKind);
        Assert.Single(await EventsAsync(confirmed), e => e == "BookingServed");

        // Served is an end: not cancelled, not checked in again.
        var cancel = await PostAsync(_citizen, $"/api/v1/bookings/{confirmed}/cancel");
        Assert.Equal((HttpStatusCode.Conflict, "not_cancellable"), (cancel.Status, cancel.Code));
        var checkIn = await PostAsync(_staff, $"/api/v1/bookings/{confirmed}/check-in");
        Assert.Equal((HttpStatusCode.Conflict, "not_confirmed"), (checkIn.Status, checkIn.Code));

        using var anonymous = _system.Client(CivicHallSystem.Booking);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var operation = document.GetProperty("paths").GetProperty("/api/v1/bookings/{bookingId}/serve").GetProperty("post");
        Assert.Equal("ServeBooking", operation.GetProperty("operationId").GetString());
        Assert.Superset(new HashSet<string> { "200", "400", "403", "404", "409" }, operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet());

        var cancelled = await BookAsync(12);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_citizen, $"/api/v1/bookings/{cancelled}/cancel")).Status);
        var gone = await ServeAsync(cancelled);
        Assert.Equal((HttpStatusCode.Conflict, "not_servable"), (gone.Status, gone.Code));
    }

    /// <summary>
    /// Runs <paramref name="requests"/> at once while the test holds the booking's row lock, and lets go only when
    /// <paramref name="blocked"/> of them wait on it: each has read the booking and decided before any could write,
    /// so their writes meet at the row.
    /// </summary>
    private async Task<Answer[]> RacingAsync(Guid bookingId, int blocked, params Func<Task<Answer>>[] requests)
    {
        await using var scope = _system[CivicHallSystem.Booking].Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BookingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM bookings WHERE id = {bookingId} FOR UPDATE", Ct);
        var running = requests.Select(request => Task.Run(request, Ct)).ToArray();
        await Eventually.UntilAsync(
            async () =>
            {
                // Activity is read once per transaction unless the snapshot is dropped.
                await db.Database.ExecuteSqlAsync($"SELECT pg_stat_clear_snapshot()", Ct);
                return await db.Database.SqlQuery<int>($"""
                    SELECT count(*)::int AS "Value" FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                    """).SingleAsync(Ct);
            },
            waiting => waiting >= blocked,
            because: $"{blocked} requests should be waiting on the booking's row");
        await transaction.RollbackAsync(Ct);
        return await Task.WhenAll(running);
    }

    [Fact]
    public async Task Of_a_serve_and_a_cancel_at_the_same_time_exactly_one_wins_and_two_windows_serving_at_once_announce_it_once()
    {
        _clock.SetUtcNow(At(8, 45));
        using var leader = _system.Client(CivicHallSystem.Booking, Roles.DutyLeader);

        // A confirmed booking: the citizen cancels while the window checks the visitor in and serves them. Both read
        // "confirmed"; whichever writes first wins, the other is refused, and the serve only follows a check-in that won.
        for (var i = 0; i < 4; i++)
        {
            var id = await BookAsync(20 + i);
            var answers = await RacingAsync(
                id,
                blocked: 2,
                () => PostAsync(_citizen, $"/api/v1/bookings/{id}/cancel"),
                () => PostAsync(_staff, $"/api/v1/bookings/{id}/check-in"));
            var (cancel, checkIn) = (answers[0], answers[1]);
            var serve = await ServeAsync(id);
            Assert.True(cancel.Status == HttpStatusCode.OK ^ serve.Status == HttpStatusCode.OK, $"cancel {cancel.Status} {cancel.Code}, serve {serve.Status} {serve.Code}");
            var ended = (await EventsAsync(id)).Where(e => e is "BookingServed" or "BookingCancelled").ToList();
            if (serve.Status == HttpStatusCode.OK)
            {
                Assert.Equal((HttpStatusCode.Conflict, "concurrent_update"), (cancel.Status, cancel.Code));
                Assert.Equal("served", await StatusAsync(id));
                Assert.Equal(["BookingServed"], ended);
            }
            else
            {
                Assert.Equal((HttpStatusCode.Conflict, "concurrent_update"), (checkIn.Status, checkIn.Code));
                Assert.Equal((HttpStatusCode.Conflict, "not_servable"), (serve.Status, serve.Code));
                Assert.Equal("cancelled", await StatusAsync(id));
                Assert.Equal(["BookingCancelled"], ended);
            }
        }

        // A checked-in booking: two windows serve it at once while the citizen tries to cancel it.
        for (var i = 0; i < 4; i++)
        {
            var id = await BookAsync(30 + i);
            await CheckInAsync(id);
            var answers = await RacingAsync(
                id,
                blocked: 2,
                () => ServeAsync(id, new { windowId = "A1" }),
                () => ServeAsync(id, new { windowId = "B2" }, leader),
                () => PostAsync(_citizen, $"/api/v1/bookings/{id}/cancel"));
            var (serves, cancel) = (answers[..2], answers[2]);
            Assert.All(serves, s => Assert.Equal((HttpStatusCode.OK, "served"), (s.Status, s.State)));
            Assert.Single(serves, s => !s.Replayed); // one served it; the other answers with what it made of the booking
            Assert.Single(serves.Select(s => s.Body.GetProperty("servedWindowId").GetString()).Distinct());
            Assert.Equal((HttpStatusCode.Conflict, "not_cancellable"), (cancel.Status, cancel.Code));
            var events = await EventsAsync(id);
            Assert.Single(events, e => e == "BookingServed");
            Assert.DoesNotContain("BookingCancelled", events);
        }

        var active = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.PersonActiveBookings.SumAsync(p => p.Active, Ct));
        Assert.Equal(0, active); // every booking ended once, whichever way
    }

    [Fact]
    public async Task A_served_booking_is_never_swept_to_no_show_and_counts_in_the_days_figures()
    {
        var served = await BookAsync(41);
        var waiting = await BookAsync(42);
        var absent = await BookAsync(43);
        var later = await BookAsync(44, "0930");
        _clock.SetUtcNow(At(8, 45));
        await CheckInAsync(served);
        await CheckInAsync(waiting);
        Assert.Equal(HttpStatusCode.OK, (await ServeAsync(served)).Status);

        var sweeper = _system[CivicHallSystem.Booking].Services.GetRequiredService<NoShowSweeper>();
        _clock.SetUtcNow(At(9, 16)); // the 09:00 slot's check-in has closed
        await sweeper.SweepOnceAsync(Ct);
        await Eventually.UntilAsync( // the job's own run may still be committing the rows it claimed
            () => StatusAsync(absent),
            status => status == "no_show",
            because: "the booking nobody checked in for is a no-show");
        Assert.Equal(0, await sweeper.SweepOnceAsync(Ct));
        Assert.Equal(("served", "checked_in", "confirmed"), (await StatusAsync(served), await StatusAsync(waiting), await StatusAsync(later)));
        Assert.DoesNotContain("BookingNoShow", await EventsAsync(served));

        Assert.Equal(HttpStatusCode.OK, (await ServeAsync(waiting)).Status); // served after its slot's check-in closed: still fine

        foreach (var query in new[] { string.Empty, "&itemId=pension" })
        {
            var day = await _citizen.GetFromJsonAsync<JsonElement>($"/api/v1/halls/qingpu/slots?date={Day:yyyy-MM-dd}{query}", Ct);
            Assert.Equal(2, day.GetProperty("served").GetInt32());
            var slots = day.GetProperty("slots").EnumerateArray().ToDictionary(s => s.GetProperty("slotId").GetString()!, s => s, StringComparer.Ordinal);
            var nine = slots[Slot("0900")];
            Assert.Equal((3, 2, 9), (nine.GetProperty("booked").GetInt32(), nine.GetProperty("served").GetInt32(), nine.GetProperty("remaining").GetInt32())); // served keep their places
            Assert.Equal((1, 0), (slots[Slot("0930")].GetProperty("booked").GetInt32(), slots[Slot("0930")].GetProperty("served").GetInt32()));
        }
    }

    [Fact]
    public async Task A_re_plan_counts_served_bookings_against_the_slot_and_moves_only_confirmed_ones()
    {
        var served = await BookAsync(51);
        var waiting = await BookAsync(52);
        var confirmed = await BookAsync(53);
        _clock.SetUtcNow(At(8, 45)); // the 09:00 slot is still ahead: a re-plan may move its bookings
        await CheckInAsync(served);
        await CheckInAsync(waiting);
        Assert.Equal(HttpStatusCode.OK, (await ServeAsync(served)).Status);

        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 0.67m, windows: 1), Ct)).EnsureSuccessStatusCode(); // 3 × 0.67: 2 places a slot

        var moved = await Eventually.UntilAsync(
            async () => (await _citizen.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{confirmed}", Ct)).GetProperty("slotId").GetString(),
            slot => slot != Slot("0900"),
            because: "the slot holds one booking too many once its served one is counted");
        Assert.Equal(Slot("0930"), moved);
        Assert.Equal(("served", "checked_in"), (await StatusAsync(served), await StatusAsync(waiting)));
        var taken = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.SlotPlaceCounters.Where(c => c.SlotId == Slot("0900")).SumAsync(c => c.Taken, Ct));
        Assert.Equal(2, taken);
        Assert.Equal(["BookingConfirmed", "BookingCheckedIn", "BookingServed"], await EventsAsync(served));
    }

    [Fact]
    public async Task Concurrent_cancels_of_one_booking_cancel_it_once_and_the_others_are_told_it_changed()
    {
        var id = await BookAsync(60);
        Task<int> PlacesAsync() => _system.QueryAsync<BookingDbContext, int>(
            CivicHallSystem.Booking, db => db.SlotPlaceCounters.Where(c => c.SlotId == Slot("0900")).SumAsync(c => c.Taken, Ct));
        var places = await PlacesAsync();

        // Four cancels read the booking as confirmed and meet at its row; one commits.
        var answers = await RacingAsync(
            id,
            blocked: 4,
            [.. Enumerable.Range(0, 4).Select(_ => (Func<Task<Answer>>)(() => PostAsync(_citizen, $"/api/v1/bookings/{id}/cancel", new { reason = "ill" })))]);

        Assert.Single(answers, a => (a.Status, a.State) == (HttpStatusCode.OK, "cancelled"));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal((HttpStatusCode.Conflict, "concurrent_update"), (a.Status, a.Code)));
        Assert.Equal(["BookingConfirmed", "BookingCancelled"], await EventsAsync(id)); // one effect, one event
        Assert.Equal(0, await ActiveAsync(id));                                          // given back once, not four times
        Assert.Equal(places - 1, await PlacesAsync());                                   // the place freed once

        var again = await PostAsync(_citizen, $"/api/v1/bookings/{id}/cancel");        // a retry: harmless
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (again.Status, again.State));
        Assert.Equal(["BookingConfirmed", "BookingCancelled"], await EventsAsync(id));
        Assert.Equal(places - 1, await PlacesAsync());
    }

    [Fact]
    public async Task Every_booking_event_carries_the_person_key_and_never_an_id_number_name_or_phone()
    {
        int[] people = [70, 71, 72, 73, 74, 75];
        var ids = new Dictionary<int, Guid>();
        foreach (var person in people)
        {
            ids[person] = await BookAsync(person);                                          // BookingConfirmed
            _clock.Advance(TimeSpan.FromMinutes(1));                                       // made one after the other
        }

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(_citizen, $"/api/v1/bookings/{ids[71]}/cancel")).Status); // BookingCancelled
        _clock.SetUtcNow(At(8, 45));
        await CheckInAsync(ids[70]);                                                        // BookingCheckedIn
        Assert.Equal(HttpStatusCode.OK, (await ServeAsync(ids[70])).Status);                // BookingServed

        // Two places a slot: the latest bookings of 09:00 move (BookingMoved), the earliest stays.
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 0.67m, windows: 1), Ct)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(() => EventsAsync(ids[75]), events => events.Contains("BookingMoved"), because: "the re-plan should move the latest booking");
        var stayed = await _system.QueryAsync<BookingDbContext, Guid>(CivicHallSystem.Booking, db =>
            db.Bookings.Where(b => b.SlotId == Slot("0900") && b.Status == BookingStatus.Confirmed).Select(b => b.Id).SingleAsync(Ct));
        _clock.SetUtcNow(At(9, 16));
        await _system[CivicHallSystem.Booking].Services.GetRequiredService<NoShowSweeper>().SweepOnceAsync(Ct);
        await Eventually.UntilAsync(() => StatusAsync(stayed), status => status == "no_show", because: "the booking that stayed at 09:00 was not checked in"); // BookingNoShow

        var rows = await _system.QueryAsync<BookingDbContext, List<OutboxMessage>>(CivicHallSystem.Booking, db =>
            db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType.StartsWith("CivicHall.Contracts.Bookings.")).ToListAsync(Ct));
        Assert.Superset(
            new HashSet<string> { "BookingConfirmed", "BookingCancelled", "BookingCheckedIn", "BookingServed", "BookingMoved", "BookingNoShow" },
            rows.Select(r => r.MessageType[(r.MessageType.LastIndexOf('.') + 1)..]).ToHashSet());
        string[] personal = ["idNumber", "name", "phone", "address", "person"];
        foreach (var row in rows)
        {
            var kind = row.MessageType[(row.MessageType.LastIndexOf('.') + 1)..];
            var payload = JsonDocument.Parse(row.Payload).RootElement;
            Assert.StartsWith("pk_", payload.GetProperty("personKey").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(payload.EnumerateObject(), p => personal.Contains(p.Name, StringComparer.OrdinalIgnoreCase));
            foreach (var person in people)
            {
                TestPeople.AssertNotIn(TestPeople.IdNumber(person), row.Payload, kind);
                TestPeople.AssertNotIn(TestPeople.IdNumber(person)[^8..], row.Payload, kind); // nor part of it
                Assert.DoesNotContain($"测试{person}", row.Payload, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("13800001234", row.Payload, StringComparison.Ordinal);
        }
    }
}
