using CivicHall.IntegrationTests.Booking;
using CivicHall.IntegrationTests.Halls;
using CivicHall.IntegrationTests.Screening;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// A hall set up through the gateway as ops would, whose only floor holds one person (15 people per
/// 100 m², 10 m²): the second visitor queues. Booking and screening know it, with an item and policies.
/// </summary>
public static class HallOfOne
{
    public static async Task SetUpAsync(CivicHallSystem system, string hallId, string name, object screeningPolicy)
    {
        var ct = TestContext.Current.CancellationToken;
        using var ops = system.Client(CivicHallSystem.Gateway, Roles.Ops);
        var hall = HallRequests.Weekdays(name, [new { zoneId = "floor-1", kind = "service_floor", name = "服务区", areaM2 = 10m }]);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", hall, ct)).EnsureSuccessStatusCode();
        await ScreeningSetup.WaitUntilKnownAsync(system, hallId);
        await Eventually.UntilAsync(
            async () => (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/booking-policy", BookingSetup.Policy(phaseShare: 1m), ct)).StatusCode,
            status => status == HttpStatusCode.Created,
            because: "booking should learn of the hall");
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/service-items/pension", BookingSetup.Item(), ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}/screening-policy", screeningPolicy, ct)).EnsureSuccessStatusCode();
    }
}
