using CivicHall.Booking.Data;

namespace CivicHall.IntegrationTests.Resilience;

/// <summary>
/// While its database restarts a service answers 503 <c>temporarily_unavailable</c> with
/// <c>Retry-After</c> — never a 500 — loses nothing it confirmed, and serves again once the database
/// is back. The database is a server of the test's own, stopped with a fast shutdown under load.
/// </summary>
public sealed class DatabaseOutageTests(TestInfrastructure infrastructure)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_during_a_database_restart_get_503_with_retry_after_and_every_confirmed_write_is_kept()
    {
        await using var database = await IsolatedDatabaseServer.StartNewAsync();
        var vhost = await infrastructure.NewVirtualHostAsync("dbout");
        try
        {
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["ConnectionStrings:booking"] = database.ConnectionString("booking"),
                ["ConnectionStrings:messaging"] = vhost,
                ["Logging:LogLevel:Default"] = "Warning",
            };
            await using var booking = new ServiceHost<BookingDbContext>("booking", settings, listenOnKestrel: false);
            using var ops = booking.CreateClient();
            ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create([Roles.Ops], "ops", TimeProvider.System));

            var answers = new ConcurrentQueue<(int Agent, HttpStatusCode Status, string? Code, bool RetryAfter, string Phase)>();
            var phase = "before";
            var next = 0;

            // A steady writer: one agent registered after another, by four callers.
            async Task<bool> WriteAsync()
            {
                var agent = Interlocked.Increment(ref next);
                var current = phase;
                using var response = await ops.PutAsJsonAsync(
                    $"/api/v1/agents/agent-{agent}", new { name = "代办", organisation = "某公司", registrationNo = $"R-{agent}", maxBatchSize = 5, active = true }, Ct);
                string? code = null;
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                    code = body.TryGetProperty("code", out var c) ? c.GetString() : null;
                }

                answers.Enqueue((agent, response.StatusCode, code, response.Headers.RetryAfter is not null, current));
                return response.IsSuccessStatusCode;
            }

            for (var i = 0; i < 20; i++)
            {
                Assert.True(await WriteAsync(), "the service should write while its database is up");
            }

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await WriteAsync();
                }
            })).ToList();

            phase = "restart";
            await database.StopAsync();
            // While it is down: wait until the writers have been answered a few times.
            await Eventually.UntilAsync(() => Task.FromResult(answers.Count(a => a.Phase == "restart")), n => n >= 20, because: "requests should be answered while the database is down");
            await database.StartAsync();
            phase = "after";
            // Back: the service recovers by itself (a pooled connection broken by the restart is dropped on first use).
            await Eventually.UntilAsync(
                () => Task.FromResult(answers.Reverse().Take(20).Count(a => a.Phase == "after" && a.Status == HttpStatusCode.Created)),
                n => n == 20,
                because: "the service should write again once its database is back");
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            var all = answers.ToList();
            var wrong = all.Where(a => a.Status != HttpStatusCode.Created && !(a.Status == HttpStatusCode.ServiceUnavailable && a.Code == "temporarily_unavailable" && a.RetryAfter)).ToList();
            Assert.True(wrong.Count == 0, $"answers other than 201 or 503 temporarily_unavailable with Retry-After: {string.Join(", ", wrong.Take(10).Select(a => $"{a.Phase} {(int)a.Status} {a.Code}"))}");
            Assert.Contains(all, a => a.Status == HttpStatusCode.ServiceUnavailable);

            // Nothing confirmed was lost.
            var confirmed = all.Where(a => a.Status == HttpStatusCode.Created).Select(a => $"agent-{a.Agent}").ToHashSet(StringComparer.Ordinal);
            await using var scope = booking.Services.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<BookingDbContext>().Agents.Select(a => a.AgentId).ToListAsync(Ct);
            Assert.Empty(confirmed.Except(stored, StringComparer.Ordinal));
        }
        finally
        {
            await infrastructure.DeleteVirtualHostAsync(vhost);
        }
    }
}
