using CivicHall.Booking.Bookings;
using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Occupancy;
using CivicHall.IntegrationTests.Screening;
using CivicHall.Occupancy;
using CivicHall.Occupancy.Live;
using CivicHall.Screening;
using CivicHall.Screening.Data;
using CivicHall.Screening.Screenings;

namespace CivicHall.IntegrationTests.Telemetry;

/// <summary>
/// The domain instruments move with the right tags: screening decisions by outcome and rule, bookings
/// confirmed by channel and refused by code, the occupancy gauges and counters of a hall's zones, and the
/// live streams open. The meters are process-wide: each test reads only the series of halls of its own.
/// </summary>
public sealed class DomainMetricsTests(ServicesSystemFixture fixture) : IClassFixture<ServicesSystemFixture>
{
    private static readonly DateOnly Day = BookingSetup.NextWeekday();
    private readonly CivicHallSystem _system = fixture.System;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewHallId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public async Task A_screening_decision_is_counted_with_its_outcome_and_the_rule_that_decided_it()
    {
        using var metrics = new MeasurementRecorder(ScreeningTelemetry.MeterName);
        var hallId = NewHallId("met-scr");
        await FloorSetup.AddHallAsync(_system, hallId);
        await ScreeningSetup.WaitUntilKnownAsync(_system, hallId);
        using var ops = _system.Client(CivicHallSystem.Screening, Roles.Ops);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/screening-policy", new { bookingRequired = false }, Ct)).EnsureSuccessStatusCode();

        using var screener = _system.Client(CivicHallSystem.Screening, Roles.Screener);
        async Task<string?> ReadAsync(int person, string healthCode, Guid? readingId = null)
        {
            var answer = await screener.PostAsJsonAsync("/api/v1/screenings", new
            {
                readingId,
                hallId,
                personKind = "visitor",
                person = TestPeople.Person(person),
                healthCode,
                testAt = DateTimeOffset.UtcNow.AddHours(-24),
                testResult = "negative",
                temperatureC = 36.5m,
                mask = true,
            }, Ct);
            Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync(Ct)}");
            return (await answer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("outcome").GetString();
        }

        var yellow = Guid.NewGuid();
        Assert.Equal("isolate", await ReadAsync(1, "yellow", yellow));
        Assert.Equal("isolate", await ReadAsync(1, "yellow", yellow)); // the device sends it again: one decision
        Assert.Equal("admit", await ReadAsync(2, "green"));

        const string Decisions = "civichall.screening.decisions";
        Assert.Equal(1, metrics.Sum(Decisions, ("hall", hallId), ("outcome", "isolate"), ("rule", "health_code.yellow"), ("person_kind", "visitor")));
        Assert.Equal(1, metrics.Sum(Decisions, ("hall", hallId), ("outcome", "admit"), ("rule", ScreeningTelemetry.NoRule)));
        Assert.Equal(2, metrics.Sum(Decisions, ("hall", hallId)));
    }

    [Fact]
    public async Task A_booking_is_counted_by_channel_and_a_refused_one_by_its_code()
    {
        using var metrics = new MeasurementRecorder(BookingTelemetry.MeterName);
        var hallId = NewHallId("met-bk");
        await BookingSetup.AddHallAsync(_system, hallId);
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/booking-policy", BookingSetup.Policy(windows: 1), Ct)).EnsureSuccessStatusCode(); // one place a slot
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();

        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        async Task<HttpStatusCode> BookAsync(int person, string itemId = "pension")
        {
            using var book = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
            {
                Content = JsonContent.Create(new { hallId, itemId, slotId = $"{Day:yyyyMMdd}-0900-social", channel = "app", person = TestPeople.Person(person) }),
            };
            book.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return (await citizen.SendAsync(book, Ct)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, await BookAsync(1));
        Assert.Equal(HttpStatusCode.Conflict, await BookAsync(2));                    // the slot's one place is taken
        Assert.Equal(HttpStatusCode.NotFound, await BookAsync(3, itemId: "nothing")); // no such item at this hall

        Assert.Equal(1, metrics.Sum("civichall.booking.confirmed", ("hall", hallId), ("channel", "app"), ("kind", "regular")));
        Assert.Equal(1, metrics.Sum("civichall.booking.refused", ("hall", hallId), ("channel", "app"), ("code", "slot_full")));
        Assert.Equal(1, metrics.Sum("civichall.booking.refused", ("hall", hallId), ("channel", "app"), ("code", "item_unknown")));
    }

    [Fact]
    public async Task Admissions_and_exits_move_the_gauges_and_counters_of_the_hall_and_zone()
    {
        using var metrics = new MeasurementRecorder(OccupancyTelemetry.MeterName);
        var hallId = NewHallId("met-occ");
        await FloorSetup.AddHallAsync(_system, hallId, floorAreaM2: 10m); // 15 per 100 m²: one person
        var hall = ("hall", (object?)hallId);
        var floor = ("zone", (object?)"floor-1");

        // The gauges know the hall once it changed or the floor was read (at start, then every 30 s): wait for either.
        await Eventually.UntilAsync(() => Task.FromResult(metrics.Observe("civichall.occupancy.capacity", hall, floor)), c => c == 1, because: "the floor holds one");

        await FloorSetup.PublishAsync(_system, FloorSetup.Admitted(hallId, 1));
        await Eventually.UntilAsync(() => Task.FromResult(metrics.Observe("civichall.occupancy.inside", hall, floor)), n => n == 1, because: "the first is let in");
        await FloorSetup.PublishAsync(_system, FloorSetup.Admitted(hallId, 2));
        await Eventually.UntilAsync(() => Task.FromResult(metrics.Observe("civichall.occupancy.queued", hall)), n => n == 1, because: "the second waits");
        Assert.Equal(1, metrics.Sum("civichall.occupancy.admissions", hall, floor));

        using var screener = _system.Client(CivicHallSystem.Occupancy, Roles.Screener);
        var exit = await screener.PostAsJsonAsync($"/api/v1/halls/{hallId}/exits", new { personKey = FloorSetup.PersonKey(1) }, Ct);
        Assert.Equal(HttpStatusCode.OK, exit.StatusCode);
        await Eventually.UntilAsync(() => Task.FromResult(metrics.Observe("civichall.occupancy.queued", hall)), n => n == 0, because: "the second is let in as the first leaves");
        Assert.Equal(1, metrics.Observe("civichall.occupancy.inside", hall, floor));
        Assert.Equal(2, metrics.Sum("civichall.occupancy.admissions", hall, floor)); // the let-in from the queue counts
        Assert.Equal(1, metrics.Sum("civichall.occupancy.exits", hall, floor));

        (await screener.PostAsJsonAsync($"/api/v1/halls/{hallId}/exits", new { personKey = FloorSetup.PersonKey(2) }, Ct)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(() => Task.FromResult(metrics.Observe("civichall.occupancy.inside", hall, floor)), n => n == 0, because: "both left");
        Assert.Equal(2, metrics.Sum("civichall.occupancy.exits", hall, floor));
    }

    [Fact]
    public async Task Live_stream_subscribers_are_counted_while_connected()
    {
        using var metrics = new MeasurementRecorder(OccupancyTelemetry.MeterName);
        var hallId = NewHallId("met-sse");
        await FloorSetup.AddHallAsync(_system, hallId);
        const string Subscribers = "civichall.occupancy.live.subscribers";

        using var citizen = _system.Client(CivicHallSystem.Occupancy, Roles.Citizen);
        await using (var first = await LiveListener.ConnectAsync(citizen, hallId, Ct))
        {
            await using var second = await LiveListener.ConnectAsync(citizen, hallId, Ct);
            Assert.Equal(2, metrics.Sum(Subscribers, ("hall", hallId)));
        }

        await Eventually.UntilAsync(() => Task.FromResult(metrics.Sum(Subscribers, ("hall", hallId))), n => n == 0, because: "both clients went away");
    }
}
