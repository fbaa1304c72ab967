using CivicHall.HallDirectory;
using CivicHall.Incident.Data;
using CivicHall.Incident.Deadlines;
using CivicHall.Incident.Reports;
using CivicHall.IntegrationTests.Halls;
using MassTransit;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Incident;

/// <summary>
/// One system for an incident test class, incident on a clock of its own that tests move forward (each step's
/// time is the clock's); its deadline sweep runs only when a test runs it (<see cref="SweepAsync"/>). Each test
/// uses halls of its own.
/// </summary>
public sealed class IncidentSystemFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));

    public CivicHallSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await CivicHallSystem.StartAsync(
        infrastructure,
        withGateway: true,
        // A day's interval on a clock moved by minutes: the sweep's first pass, at start, finds nothing; tests run the others.
        extraSettings: new Dictionary<string, string?> { ["Incident:Deadlines:Interval"] = "1.00:00:00", ["Incident:Reports:Interval"] = "1.00:00:00" },
        configureServices: (service, services) =>
        {
            if (service == CivicHallSystem.Incident)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        });

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(System);

    /// <summary>A client of the gateway whose token names <paramref name="subject"/> (who took a step).</summary>
    public HttpClient GatewayClient(string subject, params string[] roles)
    {
        var client = System[CivicHallSystem.Gateway].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(roles, subject, TimeProvider.System));
        return client;
    }

    /// <summary>Moves incident's clock forward by <paramref name="by"/>.</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        Clock.Advance(by);
        return Clock.GetUtcNow();
    }

    /// <summary>Moves incident's clock forward to <paramref name="instant"/> (never back: tests of a class share it).</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        if (Clock.GetUtcNow() < instant)
        {
            Clock.SetUtcNow(instant);
        }
    }

    /// <summary>One pass of incident's deadline sweep, now on its clock; how many levels it raised.</summary>
    public Task<int> SweepAsync() =>
        System[CivicHallSystem.Incident].Services.GetRequiredService<DeadlineSweep>().SweepOnceAsync(TestContext.Current.CancellationToken);

    /// <summary>One pass of incident's daily-report deadline sweep, now on its clock; how many reports it published.</summary>
    public Task<int> ReportSweepAsync() =>
        System[CivicHallSystem.Incident].Services.GetRequiredService<ReportDeadlineSweep>().SweepOnceAsync(TestContext.Current.CancellationToken);

    /// <summary>Publishes an event on the broker as its owning service would, under the given message id.</summary>
    public Task PublishAsync<T>(T message, Guid messageId)
        where T : class =>
        System[CivicHallSystem.Occupancy].Services.GetRequiredService<IBus>().Publish(
            message, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

    /// <summary>A hall with a queue, a service floor and an isolation zone put to occupancy, once incident knows it.</summary>
    public async Task AddHallAsync(string hallId)
    {
        var zones = new List<object>
        {
            new { zoneId = "queue", kind = "entrance_queue", name = "排队区", areaM2 = 150m },
            new { zoneId = "floor-1", kind = "service_floor", name = "一楼服务区", areaM2 = 1200m },
            new { zoneId = "iso", kind = "isolation", name = "临时隔离区", areaM2 = 20m },
        };
        using var ops = System.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var body = HallRequests.Weekdays("青浦区行政服务中心", zones);
        var before = await HallVersionAsync(hallId);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", body, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(() => HallVersionAsync(hallId), version => version > before, because: "incident should learn of the hall");
    }

    private Task<long> HallVersionAsync(string hallId) => System.QueryAsync<IncidentDbContext, long>(
        CivicHallSystem.Incident, async db => (await db.Set<KnownHall>().AsNoTracking().SingleOrDefaultAsync(h => h.HallId == hallId))?.Version ?? 0);
}
