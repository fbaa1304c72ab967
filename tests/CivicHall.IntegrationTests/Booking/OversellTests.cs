using CivicHall.Booking.Data;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.Messaging.Outbox;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>The slot-release burst through the gateway: a slot of 100, 2,000 people at once.</summary>
public sealed class OversellTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private CivicHallSystem _system = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, withGateway: true);
        await BookingSetup.AddHallAsync(_system, "qingpu");
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    [Fact]
    public async Task Two_thousand_concurrent_attempts_on_a_slot_of_100_confirm_exactly_100_and_publish_exactly_100_events()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ops = _system.Client(CivicHallSystem.Gateway, Roles.Ops);
        // 20 windows × 30 min ÷ 6 min a case at 100 % = 100 places; a quota that is not the limit.
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(phaseShare: 1m, windows: 20, dailyQuota: 5000), ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(minutes: 6), ct)).EnsureSuccessStatusCode();
        var day = await ops.GetFromJsonAsync<JsonElement>($"/api/v1/halls/qingpu/slots?date={BookingSetup.NextWeekday():yyyy-MM-dd}", ct);
        var slot = day.GetProperty("slots")[0];
        Assert.Equal(100, slot.GetProperty("capacity").GetInt32());
        var slotId = slot.GetProperty("slotId").GetString()!;
        await using var probe = await EventProbe<BookingConfirmed>.StartAsync(_system.MessagingUri);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512 };
        using var gateway = new HttpClient(handler) { BaseAddress = _system[CivicHallSystem.Gateway].Address };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", DevelopmentTokens.Create([Roles.Citizen], "burst", TimeProvider.System));
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 2000).Select(async i =>
        {
            await start.WaitAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
            {
                Content = JsonContent.Create(new { hallId = "qingpu", itemId = "pension", slotId, channel = "app", person = TestPeople.Person(i) }),
            };
            request.Headers.Add("Idempotency-Key", $"burst-{i}");
            using var response = await gateway.SendAsync(request, ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return (response.StatusCode, Code: body.TryGetProperty("code", out var code) ? code.GetString() : null);
        }).ToList();
        start.Release(2000);
        var results = await Task.WhenAll(attempts);

        var outcomes = results.GroupBy(r => (r.StatusCode, r.Code)).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", outcomes.Select(o => $"{(int)o.Key.StatusCode} {o.Key.Code}: {o.Value}")));
        Assert.Equal(100, outcomes.GetValueOrDefault((HttpStatusCode.Created, null)));
        Assert.Equal(1900, outcomes.GetValueOrDefault((HttpStatusCode.Conflict, "slot_full")));

        var (bookings, placesTaken, places) = await _system.QueryAsync<BookingDbContext, (int, int, int)>(CivicHallSystem.Booking, async db => (
            await db.Bookings.CountAsync(b => b.SlotId == slotId, ct),
            await db.SlotPlaceCounters.Where(c => c.SlotId == slotId).SumAsync(c => c.Taken, ct),
            await db.SlotPlaceCounters.Where(c => c.SlotId == slotId).SumAsync(c => c.Capacity, ct)));
        Assert.Equal((100, 100, 100), (bookings, placesTaken, places));

        // Every row of the burst is published (the relay commits a row's mark only after the broker
        // confirmed it). A booking made after that is announced by a later relay pass, so it reaches the
        // probe's queue behind anything the burst's passes sent, duplicates included; the probe takes
        // its queue in order, so once the marker booking is in, nothing of the burst is still on its way.
        await Eventually.UntilAsync(
            () => _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt == null, ct)),
            pending => pending == 0,
            because: "every confirmed booking is published");
        var later = day.GetProperty("slots")[1].GetProperty("slotId").GetString()!;
        using (var marker = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
        {
            Content = JsonContent.Create(new { hallId = "qingpu", itemId = "pension", slotId = later, channel = "app", person = TestPeople.Person(5000) }),
        })
        {
            marker.Headers.Add("Idempotency-Key", "marker");
            using var booked = await gateway.SendAsync(marker, ct);
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        }

        await Eventually.UntilAsync(() => Task.FromResult(probe.Received.Any(e => e.SlotId == later)), seen => seen, because: "the marker booking should be announced after the burst");
        var burst = probe.Received.Where(e => e.SlotId == slotId).ToList();
        Assert.Equal(100, burst.Count);
        Assert.Equal(100, burst.Select(e => e.BookingId).Distinct().Count());
        var outbox = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.EndsWith("BookingConfirmed"), ct));
        Assert.Equal(101, outbox);
    }
}
