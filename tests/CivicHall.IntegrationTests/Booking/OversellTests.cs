using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CivicHall.Booking.Data;
using CivicHall.Contracts.Bookings.V1;
using CivicHall.IntegrationTests.Infrastructure;
using CivicHall.Messaging.Outbox;
using CivicHall.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

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

        await Eventually.UntilAsync(() => Task.FromResult(probe.Received.Count), n => n >= 100, because: "every confirmed booking is announced");
        await Task.Delay(1000, ct); // a 101st event would arrive by now
        Assert.Equal(100, probe.Received.Count);
        Assert.Equal(100, probe.Received.Select(e => e.BookingId).Distinct().Count());
        var outbox = await _system.QueryAsync<BookingDbContext, int>(CivicHallSystem.Booking, db => db.Set<OutboxMessage>().CountAsync(m => m.PublishedAt != null, ct));
        Assert.Equal(100, outbox);
    }
}
