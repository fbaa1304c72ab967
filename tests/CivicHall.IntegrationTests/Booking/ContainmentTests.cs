using CivicHall.Booking.Bookings;
using CivicHall.Booking.Data;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Contracts.Incidents.V1;
using CivicHall.Contracts.Occupancy.V1;
using CivicHall.Messaging.Outbox;
using MassTransit;
using Microsoft.Extensions.Time.Testing;
using BookingRow = CivicHall.Booking.Bookings.Booking;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>One system for the containment tests, booking on a clock fixed at 08:40 on the test day (Shanghai); each test has halls of its own.</summary>
public sealed class ContainmentFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public static readonly DateOnly Day = BookingSetup.NextWeekday();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Day.ToDateTime(new TimeOnly(8, 40)), TimeSpan.FromHours(8)).ToUniversalTime());

    public CivicHallSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await CivicHallSystem.StartAsync(infrastructure, bookingClock: Clock);

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(System);
}

/// <summary>
/// Booking's part of incident's containment (issue 19 item 5): a closed zone's bookings of the day move to a later
/// day or are cancelled with the online route, its window groups take no bookings until <c>ZoneReopened</c>; a
/// suspension cancels every booking not ended and refuses new ones until resumption; each answered with
/// <c>ContainmentBookingsHandled</c> on the broker. The incident events are published as incident would.
/// </summary>
public sealed class ContainmentTests(ContainmentFixture fixture) : IClassFixture<ContainmentFixture>
{
    private const string Route = "https://zwdt.sh.gov.cn/item/pension";
    private static readonly DateOnly Day = ContainmentFixture.Day;
    private readonly CivicHallSystem _system = fixture.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private static string Slot(DateOnly day, string time, string group = "social") => $"{day:yyyyMMdd}-{time}-{group}";

    /// <summary>The first weekday after <paramref name="day"/>.</summary>
    private static DateOnly NextWeekday(DateOnly day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        return day;
    }

    /// <summary>A hall whose group <c>social</c> (pension, online route) works in zone floor-1 and <c>tax</c> in meeting-a: 3 places a slot each.</summary>
    private async Task HallAsync(string hallId, int horizonDays = 7)
    {
        await BookingSetup.AddHallAsync(_system, hallId);
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        var policy = new
        {
            slotMinutes = 30,
            windowGroups = new[] { new { group = "social", windows = 1, zoneId = "floor-1" }, new { group = "tax", windows = 1, zoneId = "meeting-a" } },
            phaseShare = 1m,
            dailyQuota = 500,
            horizonDays,
            maxActiveBookingsPerPerson = 5,
            walkInReserveShare = 0m,
        };
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/booking-policy", policy, Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/service-items/pension", BookingSetup.Item(online: true), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/service-items/tax", BookingSetup.Item(name: "个税申报", group: "tax"), Ct)).EnsureSuccessStatusCode();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TryBookAsync(string hallId, string slotId, int person, string item = "pension")
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId, itemId = item, slotId, channel = "app", confirmOnSite = true, person = TestPeople.Person(person) }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await citizen.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private async Task<Guid> BookAsync(string hallId, string slotId, int person, string item = "pension")
    {
        var (status, body) = await TryBookAsync(hallId, slotId, person, item);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1)); // bookings made one after the other, as the move orders them
        Assert.True(status == HttpStatusCode.Created, $"booking {slotId} answered {status}: {body}");
        return body.GetProperty("bookingId").GetGuid();
    }

    private Task<BookingRow> ReadAsync(Guid id) =>
        _system.QueryAsync<BookingDbContext, BookingRow>(CivicHallSystem.Booking, db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id, Ct));

    /// <summary>Per slot of the hall: the places taken and the bookings that hold one (confirmed or checked in), which must match.</summary>
    private async Task AssertPlacesMatchBookingsAsync(string hallId)
    {
        var taken = await _system.QueryAsync<BookingDbContext, Dictionary<string, int>>(CivicHallSystem.Booking, db => db.SlotPlaceCounters
            .Where(c => c.HallId == hallId).GroupBy(c => c.SlotId).Select(g => new { g.Key, Taken = g.Sum(c => c.Taken) })
            .Where(g => g.Taken > 0).ToDictionaryAsync(g => g.Key, g => g.Taken, Ct));
        var holding = await _system.QueryAsync<BookingDbContext, Dictionary<string, int>>(CivicHallSystem.Booking, db => db.Bookings
            .Where(b => b.HallId == hallId && b.PlaceStripe != null && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn))
            .GroupBy(b => b.SlotId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct));
        Assert.Equal(holding.OrderBy(p => p.Key, StringComparer.Ordinal), taken.OrderBy(p => p.Key, StringComparer.Ordinal));
        var quota = await _system.QueryAsync<BookingDbContext, Dictionary<DateOnly, int>>(CivicHallSystem.Booking, db => db.DayQuotaCounters
            .Where(c => c.HallId == hallId).GroupBy(c => c.Date).Select(g => new { g.Key, Taken = g.Sum(c => c.Taken) })
            .Where(g => g.Taken > 0).ToDictionaryAsync(g => g.Key, g => g.Taken, Ct));
        var byDay = await _system.QueryAsync<BookingDbContext, Dictionary<DateOnly, int>>(CivicHallSystem.Booking, db => db.Bookings
            .Where(b => b.HallId == hallId && b.QuotaStripe != null && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn))
            .GroupBy(b => b.Date).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct));
        Assert.Equal(byDay.OrderBy(p => p.Key), quota.OrderBy(p => p.Key));
    }

    private Task<List<BookingCancelled>> CancelledEventsAsync(string hallId) =>
        _system.QueryAsync<BookingDbContext, List<BookingCancelled>>(CivicHallSystem.Booking, async db =>
            (await db.Set<OutboxMessage>().Where(m => m.MessageType.EndsWith("BookingCancelled")).Select(m => m.Payload).ToListAsync(Ct))
            .Select(p => JsonSerializer.Deserialize<BookingCancelled>(p, JsonSerializerOptions.Web)!).Where(e => e.HallId == hallId).ToList());

    /// <summary>Publishes an event on the broker as its owner would, under a message id of its own.</summary>
    private Task PublishAsync<T>(T message, Guid? messageId = null)
        where T : class =>
        _system[CivicHallSystem.Occupancy].Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId ?? NewId.NextGuid(), Ct);

    private static async Task<List<ContainmentBookingsHandled>> AcksAsync(EventProbe<ContainmentBookingsHandled> probe, string hallId, int count) =>
        await Eventually.UntilAsync(
            () => Task.FromResult(probe.Received.Where(a => a.HallId == hallId).ToList()),
            acks => acks.Count >= count,
            because: $"booking should acknowledge {count} containment action(s) of {hallId}");

    private async Task<JsonElement> SlotsAsync(string hallId, DateOnly day, string item)
    {
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        return await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/halls/{hallId}/slots?date={day:yyyy-MM-dd}&itemId={item}", Ct);
    }

    [Fact]
    public async Task A_zone_closure_moves_the_days_bookings_of_its_group_to_a_later_day_refuses_the_group_until_the_zone_reopens_and_leaves_the_other_group_alone()
    {
        const string hall = "contain-move";
        await HallAsync(hall);
        var later = NextWeekday(Day);
        var early = await BookAsync(hall, Slot(Day, "0900"), 1);
        var second = await BookAsync(hall, Slot(Day, "0900"), 2);
        var third = await BookAsync(hall, Slot(Day, "1000"), 3);
        var tax = await BookAsync(hall, Slot(Day, "0900", "tax"), 4, item: "tax");
        var laterBooking = await BookAsync(hall, Slot(later, "0900"), 5); // 2 places left at 09:00 of the later day
        await using var probe = await EventProbe<ContainmentBookingsHandled>.StartAsync(_system.MessagingUri);
        var containment = Guid.NewGuid();

        await PublishAsync(new ZoneClosureOrdered(string.Empty, hall, "floor-1", "阳性病例停留区域", Now, containment));

        var ack = Assert.Single(await AcksAsync(probe, hall, 1));
        Assert.Equal((containment, ContainmentActions.ZoneClosure, "floor-1", 3, 0), (ack.ContainmentId, ack.Action, ack.ZoneId, ack.Moved, ack.Cancelled));
        // Earliest made first, each to the earliest later slot of its group with room.
        var moved = new[] { await ReadAsync(early), await ReadAsync(second), await ReadAsync(third) };
        Assert.Equal(
            [(Slot(later, "0900"), Slot(Day, "0900")), (Slot(later, "0900"), Slot(Day, "0900")), (Slot(later, "0930"), Slot(Day, "1000"))],
            moved.Select(b => (b.SlotId, b.MovedFromSlotId)));
        Assert.All(moved, b => Assert.Equal((BookingStatus.Confirmed, "zone_closed", later), (b.Status, b.MoveReason, b.Date)));
        var untouched = await ReadAsync(tax);
        Assert.Equal((Slot(Day, "0900", "tax"), BookingStatus.Confirmed, null), (untouched.SlotId, untouched.Status, untouched.MovedFromSlotId));
        Assert.Equal(Slot(later, "0900"), (await ReadAsync(laterBooking)).SlotId);
        await AssertPlacesMatchBookingsAsync(hall);

        // The zone's group takes no booking on any day, the other group does; the listing shows why.
        var refused = await TryBookAsync(hall, Slot(later, "1100"), 6);
        Assert.Equal((HttpStatusCode.Conflict, "zone_closed"), (refused.Status, refused.Body.GetProperty("code").GetString()));
        await BookAsync(hall, Slot(Day, "0930", "tax"), 7, item: "tax");
        var listed = await SlotsAsync(hall, later, "pension");
        Assert.All(listed.GetProperty("slots").EnumerateArray(), s =>
            Assert.Equal(("zone_closed", 0), (s.GetProperty("unavailable").GetString(), s.GetProperty("remaining").GetInt32())));

        await PublishAsync(new ZoneReopened(hall, "floor-1", "sanitized", null, 80, Now));
        await Eventually.UntilAsync(() => TryBookAsync(hall, Slot(later, "1100"), 6), r => r.Status == HttpStatusCode.Created, because: "the reopened zone should take bookings");
        await AssertPlacesMatchBookingsAsync(hall);
    }

    [Fact]
    public async Task A_zone_closure_with_no_later_place_cancels_with_the_online_route_and_the_same_order_again_changes_nothing()
    {
        const string hall = "contain-cancel";
        await HallAsync(hall, horizonDays: 0); // nothing to move to: only today can be booked
        var a = await BookAsync(hall, Slot(Day, "0900"), 11);
        var b = await BookAsync(hall, Slot(Day, "1400"), 12);
        await using var probe = await EventProbe<ContainmentBookingsHandled>.StartAsync(_system.MessagingUri);
        var containment = Guid.NewGuid();
        var order = new ZoneClosureOrdered(Guid.NewGuid().ToString(), hall, "floor-1", "阳性病例停留区域", Now, containment);

        await PublishAsync(order);
        var first = Assert.Single(await AcksAsync(probe, hall, 1));
        Assert.Equal((0, 2), (first.Moved, first.Cancelled));
        var cancelled = await CancelledEventsAsync(hall);
        Assert.Equal(new[] { a, b }.Order(), cancelled.Select(e => e.BookingId).Order());
        Assert.All(cancelled, e => Assert.Equal((CancelReasons.ZoneClosed, Route), (e.Reason, e.OnlineRoute)));
        Assert.Equal((BookingStatus.Cancelled, "zone_closed"), ((await ReadAsync(a)).Status, (await ReadAsync(a)).CancelReason));
        await AssertPlacesMatchBookingsAsync(hall);

        // Incident sends the same order again (a new message id) and a second order for the closed zone.
        await PublishAsync(order);
        await PublishAsync(order with { ContainmentId = Guid.NewGuid() });
        var acks = await AcksAsync(probe, hall, 3);
        Assert.Equal([(0, 2), (0, 0)], acks.Skip(1).Select(x => (x.Moved, x.Cancelled)).OrderByDescending(x => x.Item2));
        Assert.Equal(2, (await CancelledEventsAsync(hall)).Count);
        Assert.Equal(1, await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.ZoneClosures.CountAsync(c => c.HallId == hall, Ct)));
    }

    [Fact]
    public async Task A_suspension_cancels_every_booking_not_ended_with_the_route_refuses_new_ones_and_resumption_accepts_again()
    {
        const string hall = "contain-suspend";
        await HallAsync(hall);
        var later = NextWeekday(Day);
        var bookings = new List<Guid>
        {
            await BookAsync(hall, Slot(Day, "0900"), 21),
            await BookAsync(hall, Slot(Day, "1000"), 22),
            await BookAsync(hall, Slot(Day, "0900", "tax"), 23, item: "tax"),
            await BookAsync(hall, Slot(later, "0900"), 24),
        };
        using (var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff))
        {
            // Checked in at 08:40 for 09:00: its ticket ends with the booking.
            (await staff.PostAsJsonAsync($"/api/v1/bookings/{bookings[0]}/check-in", new { }, Ct)).EnsureSuccessStatusCode();
        }

        await using var probe = await EventProbe<ContainmentBookingsHandled>.StartAsync(_system.MessagingUri);
        var containment = Guid.NewGuid();
        var suspension = new OnSiteServiceSuspended(null, hall, "发现阳性病例，暂停现场服务", Now, containment);

        await PublishAsync(suspension);
        var ack = Assert.Single(await AcksAsync(probe, hall, 1));
        Assert.Equal((containment, ContainmentActions.Suspension, (string?)null, 0, 4), (ack.ContainmentId, ack.Action, ack.ZoneId, ack.Moved, ack.Cancelled));
        var cancelled = await CancelledEventsAsync(hall);
        Assert.Equal(bookings.Order(), cancelled.Select(e => e.BookingId).Order());
        Assert.All(cancelled, e => Assert.Equal((CancelReasons.OnSiteSuspended, e.BookingId == bookings[2] ? null : Route), (e.Reason, e.OnlineRoute)));
        foreach (var id in bookings)
        {
            Assert.Equal((BookingStatus.Cancelled, "on_site_suspended"), ((await ReadAsync(id)).Status, (await ReadAsync(id)).CancelReason));
        }

        await AssertPlacesMatchBookingsAsync(hall);

        // The checked-in booking's ticket went with it: its window has nobody left to call (booking_call_next skips a waiting
        // ticket whose booking is no longer checked in).
        using (var staff = _system.Client(CivicHallSystem.Booking, Roles.WindowStaff))
        {
            using var call = await staff.PostAsync($"/api/v1/halls/{hall}/windows/social-1/calls", null, Ct);
            Assert.Equal(HttpStatusCode.NotFound, call.StatusCode);
            Assert.Equal("queue_empty", (await call.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        }

        var refused = await TryBookAsync(hall, Slot(later, "1000"), 25);
        Assert.Equal(((HttpStatusCode)422, "hall_closed"), (refused.Status, refused.Body.GetProperty("code").GetString()));
        Assert.All((await SlotsAsync(hall, later, "pension")).GetProperty("slots").EnumerateArray(), s =>
            Assert.Equal("on_site_suspended", s.GetProperty("unavailable").GetString()));

        // The same suspension again: nothing more is cancelled, the count is answered again.
        await PublishAsync(suspension);
        var again = (await AcksAsync(probe, hall, 2))[1];
        Assert.Equal((ContainmentActions.Suspension, 0, 4), (again.Action, again.Moved, again.Cancelled));
        Assert.Equal(4, (await CancelledEventsAsync(hall)).Count);

        await PublishAsync(new OnSiteServiceResumed(null, hall, Now, containment));
        var resumed = (await AcksAsync(probe, hall, 3))[2];
        Assert.Equal((ContainmentActions.Resumption, 0, 0), (resumed.Action, resumed.Moved, resumed.Cancelled));
        // Occupancy announces the hall open again too (HallConfigured); the slots were kept, the places given back.
        await Eventually.UntilAsync(() => TryBookAsync(hall, Slot(later, "0900"), 25), r => r.Status == HttpStatusCode.Created, because: "the hall should take bookings again");
        var slot = (await SlotsAsync(hall, later, "pension")).GetProperty("slots").EnumerateArray().First(s => s.GetProperty("slotId").GetString() == Slot(later, "0900"));
        Assert.Equal((3, 1, JsonValueKind.Null), (slot.GetProperty("capacity").GetInt32(), slot.GetProperty("booked").GetInt32(), slot.TryGetProperty("unavailable", out var why) ? why.ValueKind : JsonValueKind.Null));
        await AssertPlacesMatchBookingsAsync(hall);
    }
}
