using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Booking;

/// <summary>
/// A policy version scheduled ahead takes effect at its time even though nothing is written then: the
/// booking service's cached catalog must not outlive the moment the next version takes effect.
/// </summary>
public sealed class ScheduledPolicyTests(TestInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private CivicHallSystem _system = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await CivicHallSystem.StartAsync(infrastructure, bookingClock: _clock);
        await BookingSetup.AddHallAsync(_system, "qingpu");
    }

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(_system);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stricter_version_scheduled_two_minutes_ahead_applies_from_then_within_the_cache_lifetime()
    {
        using var ops = _system.Client(CivicHallSystem.Booking, Roles.Ops);
        using var citizen = _system.Client(CivicHallSystem.Booking, Roles.Citizen);
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy", BookingSetup.Policy(maxActive: 3), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/service-items/pension", BookingSetup.Item(), Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/v1/halls/qingpu/booking-policy",
            BookingSetup.Policy(maxActive: 1, effectiveFrom: _clock.GetUtcNow().AddMinutes(2)), Ct)).EnsureSuccessStatusCode();

        async Task<(HttpStatusCode, string?)> BookAsync(int person)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings")
            {
                Content = JsonContent.Create(new
                {
                    hallId = "qingpu",
                    itemId = "pension",
                    slotId = $"{BookingSetup.NextWeekday():yyyyMMdd}-1000-social",
                    channel = "app",
                    person = TestPeople.Person(person),
                }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var response = await citizen.SendAsync(request, Ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null);
        }

        // Until then the first version (3 active) holds, and its catalog entry is cached.
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(1)).Item1);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(1)).Item1);

        _clock.Advance(TimeSpan.FromMinutes(3)); // past the second version, well inside the 5-minute entry lifetime
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(2)).Item1);
        Assert.Equal((HttpStatusCode.Conflict, "too_many_active_bookings"), await BookAsync(2));
    }
}
