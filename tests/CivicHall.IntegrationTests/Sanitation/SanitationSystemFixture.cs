using CivicHall.HallDirectory;
using CivicHall.IntegrationTests.Halls;
using CivicHall.Sanitation.Data;
using MassTransit;
using Microsoft.Extensions.Time.Testing;

namespace CivicHall.IntegrationTests.Sanitation;

/// <summary>
/// One system for a sanitation test class, sanitation on a clock that stands at Tuesday 2026-12-01
/// 08:00 Shanghai time (so its background sweep never ticks: tests run passes themselves). Each test
/// uses halls of its own.
/// </summary>
public sealed class SanitationSystemFixture(TestInfrastructure infrastructure) : IAsyncLifetime
{
    public static readonly DateOnly Tuesday = new(2026, 12, 1);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    public CivicHallSystem System { get; private set; } = null!;

    public async ValueTask InitializeAsync() => System = await CivicHallSystem.StartAsync(
        infrastructure,
        withGateway: true,
        // The overdue and day-close sweeps run only when a test runs them (their first passes, at start, find nothing).
        extraSettings: new Dictionary<string, string?> { ["Sanitation:Overdue:Interval"] = "1.00:00:00", ["Sanitation:DayClose:Interval"] = "1.00:00:00" },
        configureServices: (service, services) =>
        {
            if (service == CivicHallSystem.Sanitation)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        });

    public ValueTask DisposeAsync() => Teardown.DisposeAsync(System);

    public HttpClient Client(params string[] roles) => System.Client(CivicHallSystem.Sanitation, roles);

    /// <summary>A client of the gateway whose token names <paramref name="subject"/> (who recorded, who confirmed).</summary>
    public HttpClient GatewayClient(string subject, params string[] roles)
    {
        var client = System[CivicHallSystem.Gateway].CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(roles, subject, TimeProvider.System));
        return client;
    }

    /// <summary>Moves sanitation's clock forward to <paramref name="instant"/> (never back: tests of a class share it).</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        if (Clock.GetUtcNow() < instant)
        {
            Clock.SetUtcNow(instant);
        }
    }

    /// <summary>Publishes an event on the broker as its owning service would.</summary>
    public Task PublishAsync<T>(T message)
        where T : class =>
        System[CivicHallSystem.Occupancy].Services.GetRequiredService<IBus>().Publish(
            message, context => context.MessageId = Guid.NewGuid(), TestContext.Current.CancellationToken);

    /// <summary>A Qingpu-like hall (weekdays 09:00–17:00) put to occupancy, once sanitation knows it.</summary>
    public async Task AddHallAsync(string hallId, bool withRestroom = true)
    {
        var zones = new List<object>
        {
            new { zoneId = "queue", kind = "entrance_queue", name = "排队区", areaM2 = 150m },
            new { zoneId = "floor-1", kind = "service_floor", name = "一楼服务区", areaM2 = 1200m },
            new { zoneId = "self", kind = "self_service", name = "自助服务区", areaM2 = 40m },
            new { zoneId = "iso", kind = "isolation", name = "临时隔离区", areaM2 = 20m },
            new { zoneId = "meeting-a", kind = "meeting_room", name = "会议室A", areaM2 = 80m },
        };
        if (withRestroom)
        {
            zones.Add(new { zoneId = "wc", kind = "restroom", name = "公共厕所", areaM2 = 30m });
        }

        using var ops = System.Client(CivicHallSystem.Occupancy, Roles.Ops);
        var body = HallRequests.Weekdays("青浦区行政服务中心", zones);
        var before = await HallVersionAsync(hallId);
        (await ops.PutAsJsonAsync($"/api/v1/halls/{hallId}", body, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Eventually.UntilAsync(() => HallVersionAsync(hallId), version => version > before, because: "sanitation should learn of the hall");
    }

    private Task<long> HallVersionAsync(string hallId) => System.QueryAsync<SanitationDbContext, long>(
        CivicHallSystem.Sanitation, async db => (await db.Set<KnownHall>().AsNoTracking().SingleOrDefaultAsync(h => h.HallId == hallId))?.Version ?? 0);
}
