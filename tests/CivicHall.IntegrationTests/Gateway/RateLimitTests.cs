using CivicHall.ServiceDefaults.Problems;

namespace CivicHall.IntegrationTests.Gateway;

/// <summary>
/// The gateway's rate limits (README "Rate limits") with limits low enough to reach: 5 at once and
/// 1 a second per client, 3 at once per person for booking writes.
/// </summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> LowLimits = new(StringComparer.Ordinal)
    {
        ["RateLimits:PerClient:PermitsPerSecond"] = "1",
        ["RateLimits:PerClient:Burst"] = "5",
        ["RateLimits:Anonymous:PermitsPerSecond"] = "1",
        ["RateLimits:Anonymous:Burst"] = "5",
        ["RateLimits:BookingWrites:PermitsPerSecond"] = "1",
        ["RateLimits:BookingWrites:Burst"] = "3",
    };

    [Fact]
    public async Task The_public_live_view_has_its_own_limit_per_address_on_the_gateways_public_route()
    {
        // The anonymous limit is far away: only the public-live-view policy of the "public" route can refuse.
        await using var gateway = await StandInGateway.StartAsync(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["RateLimits:PublicLiveView:PermitsPerSecond"] = "1",
            ["RateLimits:PublicLiveView:Burst"] = "3",
        });
        using var screen = gateway.Client();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await screen.GetAsync("/api/v1/public/halls/qingpu/live", Ct);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
                Assert.Equal(ProblemCodes.TooManyRequests, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
            }
        }

        Assert.Equal(HttpStatusCode.OK, answers[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.InRange(answers.Count(a => a == HttpStatusCode.OK), 3, 5);

        // Other anonymous calls from the same address are not held back by the screen's limit.
        using var token = await screen.PostAsync("/dev/token?role=citizen", null, Ct);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var alive = await screen.GetAsync("/alive", Ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task A_subject_past_its_limit_gets_429_with_Retry_After_while_another_subject_and_alive_are_unaffected()
    {
        await using var gateway = await StandInGateway.StartAsync(LowLimits);
        using var busy = gateway.Client("rate-busy");
        using var calm = gateway.Client("rate-calm");
        using var anonymous = gateway.Client();

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 30 && refused is null; i++)
        {
            var response = await busy.GetAsync("/api/v1/halls", Ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(ProblemCodes.TooManyRequests, (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        }

        using var other = await calm.GetAsync("/api/v1/halls", Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        for (var i = 0; i < 50; i++)
        {
            using var alive = await anonymous.GetAsync("/alive", Ct);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
    }

    [Fact]
    public async Task Booking_writes_are_limited_per_person_within_the_client_limit()
    {
        var limits = new Dictionary<string, string?>(LowLimits, StringComparer.Ordinal)
        {
            ["RateLimits:PerClient:Burst"] = "100",
        };
        await using var gateway = await StandInGateway.StartAsync(limits);
        using var person = gateway.Client("rate-writer");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await person.PostAsJsonAsync("/api/v1/bookings", new { }, Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);

        // Reading is not writing: the same person still reads.
        using var read = await person.GetAsync($"/api/v1/bookings/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // Another person writes.
        using var other = gateway.Client("rate-writer-2");
        using var written = await other.PostAsJsonAsync("/api/v1/bookings", new { }, Ct);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
    }
}
